using System.Text.RegularExpressions;
using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Membership.Domain;

/// <summary>The checks a person's details pass wherever they come from: the API or a roster import.</summary>
public static partial class PersonDetails
{
    public const int MaxNameLength = 50;

    public static IEnumerable<(string Field, string Message)> Problems(string? nationalId, string? name, string? phone, DateOnly today)
    {
        if (NationalId.Validate(nationalId, today) is { } idProblem) yield return ("nationalId", idProblem);
        if (string.IsNullOrWhiteSpace(name)) yield return ("name", "This field is required.");
        else if (name.Trim().Length > MaxNameLength) yield return ("name", $"At most {MaxNameLength} characters.");
        if (string.IsNullOrWhiteSpace(phone)) yield return ("phone", "This field is required.");
        else if (!PhonePattern().IsMatch(phone.Trim())) yield return ("phone", "A mobile (1xxxxxxxxxx) or landline (0xxx-xxxxxxx) number.");
    }

    [GeneratedRegex(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")]
    private static partial Regex PhonePattern();
}
