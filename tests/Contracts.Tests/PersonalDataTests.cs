using System.Reflection;

namespace UnionPlatform.Contracts.Tests;

/// <summary>
/// Events leave the union for other city agencies: national IDs, incomes, names, contact details, health causes
/// and case details must never be on them (DOMAIN.md, "Sensitive data"). Property names are split into words and
/// checked against words that suggest such data, in the event and in every record nested in it.
/// </summary>
public sealed class PersonalDataTests
{
    private static readonly string[][] ForbiddenWords =
    [
        ["National"], ["Id", "Number"], ["Id", "Card"], ["Identity"], ["Passport"],
        ["Income"], ["Salary"], ["Wage"], ["Wages"], ["Pay", "Slip"],
        ["Name"], ["Surname"],
        ["Phone"], ["Mobile"], ["Email"], ["Address"], ["Wechat"],
        ["Birth"], ["Birthday"], ["Age"], ["Gender"], ["Sex"], ["Ethnicity"], ["Household"],
        ["Health"], ["Diagnosis"], ["Illness"], ["Disease"], ["Disability"], ["Cause"], ["Causes"], ["Medical", "Record"],
        ["Bank"], ["Card", "Number"],
        ["Narrative"], ["Description"], ["Evidence"], ["Note"], ["Notes"], ["Comment"], ["Remarks"], ["Story"],
    ];

    /// <summary>
    /// Keep this tiny. OrganisationApproved.Name is the registered name of a union organisation, which is public
    /// and which subscribers show when they route work; it is never a person's name.
    /// </summary>
    private static readonly HashSet<string> Allowed =
    [
        "UnionPlatform.Contracts.Membership.OrganisationApproved.Name",
    ];

    public static TheoryData<string> Events() => ContractCatalog.EventNames();

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_carries_no_property_that_suggests_personal_data(string eventName)
    {
        var offending = new List<string>();
        foreach (var part in ContractCatalog.TypesWithin(ContractCatalog.Event(eventName)))
        foreach (var property in part.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Allowed.Contains($"{part.FullName}.{property.Name}")) continue;
            var words = ContractCatalog.Words(property.Name);
            var hit = ForbiddenWords.FirstOrDefault(forbidden => Contains(words, forbidden));
            if (hit is not null) offending.Add($"{part.Name}.{property.Name} (\"{string.Join("", hit)}\")");
        }
        Assert.True(offending.Count == 0,
            "Personal data must stay inside the owning service; send an id or a code instead of: " + string.Join(", ", offending));
    }

    [Fact]
    public void The_checker_catches_what_it_is_meant_to_catch()
    {
        foreach (var name in new[] { "NationalId", "IdNumber", "MemberName", "Name", "AnnualIncome", "PhoneNumber", "HomeAddress", "Diagnosis", "HardshipCauses" })
            Assert.True(ForbiddenWords.Any(f => Contains(ContractCatalog.Words(name), f)), $"{name} should be caught.");
        foreach (var name in new[] { "MemberId", "FromStage", "EnterpriseId", "Reason", "MessageUrn", "AmountRecovered", "PayeeMemberId" })
            Assert.False(ForbiddenWords.Any(f => Contains(ContractCatalog.Words(name), f)), $"{name} should pass.");
    }

    private static bool Contains(IReadOnlyList<string> words, string[] sequence)
    {
        for (var start = 0; start + sequence.Length <= words.Count; start++)
            if (sequence.Select((w, i) => string.Equals(words[start + i], w, StringComparison.OrdinalIgnoreCase)).All(x => x))
                return true;
        return false;
    }
}
