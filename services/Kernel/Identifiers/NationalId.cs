using System.Globalization;

namespace UnionPlatform.Kernel.Identifiers;

/// <summary>
/// The 18-character resident identity number (GB 11643-1999): 6-digit area code, birth date (yyyyMMdd),
/// 3-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
/// Personal data: never log it, trace it or put it on an event.
/// </summary>
public static class NationalId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Expected 17 digits.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = first17[i] - '0';
            if (digit is < 0 or > 9) throw new ArgumentException("Expected digits only.", nameof(first17));
            sum += digit * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>Why the value is not a valid national ID, or null when it is. Checks the <see cref="Normalise"/>d form:
    /// IDs pasted from spreadsheets carry spaces and a lower-case x.</summary>
    public static string? Validate(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value)) return "A national ID is required.";
        value = Normalise(value);
        if (value.Length != 18) return "A national ID has 18 characters.";
        for (var i = 0; i < 17; i++)
            if (!char.IsAsciiDigit(value[i])) return "The first 17 characters of a national ID are digits.";
        var last = char.ToUpperInvariant(value[17]);
        if (!char.IsAsciiDigit(last) && last != 'X') return "The last character of a national ID is a digit or X.";
        if (BirthDate(value) is not { } born) return "The national ID does not contain a valid birth date.";
        if (born > today || born < today.AddYears(-120)) return "The national ID's birth date is not plausible.";
        if (CheckCharacter(value.AsSpan(0, 17)) != last) return "The national ID's check digit does not match.";
        return null;
    }

    public static bool IsValid(string? value, DateOnly today) => Validate(value, today) is null;

    /// <summary>The birth date encoded in characters 7-14, or null when it is not a real date.</summary>
    public static DateOnly? BirthDate(string value) =>
        value.Length >= 14 && DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Trims, and upper-cases the check character so "x" and "X" are the same person.</summary>
    public static string Normalise(string value) => value.Trim().ToUpperInvariant();

    /// <summary>Builds a valid ID from its parts (seeds and tests).</summary>
    public static string Create(string areaCode, DateOnly birthDate, int sequence)
    {
        var first17 = $"{areaCode}{birthDate:yyyyMMdd}{sequence % 1000:000}";
        return first17 + CheckCharacter(first17);
    }
}
