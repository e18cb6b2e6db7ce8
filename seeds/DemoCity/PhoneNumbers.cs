namespace UnionPlatform.Seeds;

/// <summary>
/// Mainland mobile numbers: a carrier prefix (13x-19x) and eight digits, unique per member index.
/// They are real-format numbers, so a demo environment must never send SMS to them.
/// </summary>
internal static class PhoneNumbers
{
    private static readonly string[] Prefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
        "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
        "185", "186", "187", "188", "189", "191", "198", "199",
    ];

    private const uint PerPrefix = 100_000_000;

    public static string Create(long memberIndex, uint key)
    {
        var n = Permutation.Apply((uint)memberIndex, (ulong)Prefixes.Length * PerPrefix, key);
        return string.Create(11, n, static (span, n) =>
        {
            Prefixes[n / PerPrefix].AsSpan().CopyTo(span);
            var rest = n % PerPrefix;
            for (var i = 10; i >= 3; i--, rest /= 10) span[i] = (char)('0' + rest % 10);
        });
    }
}
