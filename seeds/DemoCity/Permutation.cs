namespace UnionPlatform.Seeds;

/// <summary>
/// A keyed bijection on [0, domain) for domains up to 2^32: a reversible 32-bit mixer plus cycle-walking.
/// Distinct indices always give distinct values, which is how phone numbers and credit codes are unique by
/// construction rather than by luck, while still looking random.
/// </summary>
internal static class Permutation
{
    public static uint Apply(uint index, ulong domain, uint key)
    {
        if (domain is 0 or > 1UL << 32) throw new ArgumentOutOfRangeException(nameof(domain));
        if (index >= domain) throw new ArgumentOutOfRangeException(nameof(index));
        var x = index;
        do x = Mix(x, key); while (x >= domain); // stays inside the cycle through index, so it ends in [0, domain)
        return x;
    }

    // Every step (xor with a constant, xor-shift, multiply by an odd number) is invertible, so Mix is a bijection.
    private static uint Mix(uint x, uint key)
    {
        x ^= key;
        x ^= x >> 16; x *= 0x7FEB352DU;
        x ^= x >> 15; x *= 0x846CA68BU;
        x ^= x >> 16;
        return x;
    }
}
