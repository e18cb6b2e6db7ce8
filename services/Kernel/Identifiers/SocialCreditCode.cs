namespace UnionPlatform.Kernel.Identifiers;

/// <summary>
/// The 18-character unified social credit code of an organisation (GB 32100-2015): registration authority,
/// organisation type, 6-digit area code, 9-character organisation code, and a MOD 31 check character.
/// The letters I, O, Z, S and V are never used.
/// </summary>
public static class SocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Expected 17 characters.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not allowed in a credit code.", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }

    /// <summary>Why the value is not a valid credit code, or null when it is (checked in its <see cref="Normalise"/>d form).</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "A unified social credit code is required.";
        value = Normalise(value);
        if (value.Length != 18) return "A unified social credit code has 18 characters.";
        foreach (var c in value)
            if (Alphabet.IndexOf(c) < 0) return $"'{c}' is not allowed in a unified social credit code.";
        return CheckCharacter(value.AsSpan(0, 17)) == value[17] ? null : "The credit code's check character does not match.";
    }

    public static bool IsValid(string? value) => Validate(value) is null;

    /// <summary>Trims and upper-cases: codes copied from spreadsheets carry spaces, and some are typed in lower case.</summary>
    public static string Normalise(string value) => value.Trim().ToUpperInvariant();

    /// <summary>Builds a valid code from its first 17 characters (seeds and tests).</summary>
    public static string Create(string first17) => first17 + CheckCharacter(first17);
}
