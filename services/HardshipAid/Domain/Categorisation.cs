namespace UnionPlatform.HardshipAid.Domain;

public enum HardshipCategory { Deep, Relative, Accidental }

public enum HardshipCause { Illness, Disability, Unemployment, Education, Accident, Disaster }

/// <summary>A household's checked income for one year, in yuan. Personal data: it never leaves the service.</summary>
public sealed record HouseholdIncome(int HouseholdSize, decimal AnnualIncome, decimal EssentialCosts)
{
    public const int MaxHouseholdSize = 20;

    /// <summary>(annual income − essential costs) / 12 / household size, unrounded; negative when costs exceed income.</summary>
    public decimal PerPersonMonthly => (AnnualIncome - EssentialCosts) / 12m / HouseholdSize;

    /// <summary>The figures a file may hold; null when they make sense, else why not.</summary>
    public static string? Problem(int householdSize, decimal annualIncome, decimal essentialCosts) =>
        householdSize is < 1 or > MaxHouseholdSize ? $"The household has 1 to {MaxHouseholdSize} people."
        : annualIncome < 0 ? "The annual income is not negative."
        : essentialCosts < 0 ? "The essential costs are not negative."
        : null;
}

/// <summary>The category rules of DOMAIN.md §2, against the district's minimum living allowance (低保, yuan per person per month).</summary>
public static class Categorisation
{
    /// <summary>Hardship costs above this share of the household's annual income make a household Accidental.</summary>
    public const decimal AccidentalCostShare = 0.8m;

    /// <summary>Deep below 低保, Relative below twice it, else Accidental for injury, disaster or crushing costs; null: not in hardship.</summary>
    public static HardshipCategory? Categorise(HouseholdIncome income, IReadOnlyCollection<HardshipCause> causes, decimal allowance)
    {
        if (allowance <= 0) throw new ArgumentOutOfRangeException(nameof(allowance), "The minimum living allowance is more than zero.");
        var perPerson = income.PerPersonMonthly;
        if (perPerson < allowance) return HardshipCategory.Deep;
        if (perPerson < 2 * allowance) return HardshipCategory.Relative;
        if (causes.Contains(HardshipCause.Accident) || causes.Contains(HardshipCause.Disaster)) return HardshipCategory.Accidental;
        if (income.EssentialCosts > AccidentalCostShare * income.AnnualIncome) return HardshipCategory.Accidental;
        return null;
    }
}
