namespace UnionPlatform.Seeds;

/// <summary>
/// SplitMix64: tiny, fast, and defined here rather than by the runtime, so a seed means the same city on every
/// machine and .NET version. Only integer and basic floating-point arithmetic is used downstream (no Log/Pow),
/// because IEEE basic operations are exact everywhere while transcendental functions may differ by an ulp.
/// </summary>
internal struct Prng(ulong state)
{
    private ulong _state = state;

    /// <summary>An independent stream for one purpose (and optionally one item), e.g. ("members", 0).</summary>
    public static Prng For(int seed, string purpose, ulong item = 0) =>
        new(Mix(Mix((ulong)(uint)seed ^ Hash(purpose)) ^ item));

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)((NextUInt64() >> 32) * (ulong)n >> 32);

    /// <summary>Uniform in [min, max], both included.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    // FNV-1a: a stable string hash (string.GetHashCode is randomised per process).
    private static ulong Hash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text) h = (h ^ c) * 1099511628211UL;
        return h;
    }
}
