namespace UnionPlatform.Seeds;

/// <summary>
/// Hardship files for about 3% of active members (more in low-wage industries), with incomes built backwards from
/// the category so the DOMAIN.md §2 test gives the same answer in either reading of its rules: per-person monthly
/// income = (annual income − essential costs) / 12 / household size, Deep below 低保, Relative below 2 × 低保;
/// Accidental households sit above 2 × 低保 and are in hardship through an accident or disaster. Essential costs stay
/// under 45% of income, so the "costs over 80% of income" route to Accidental never contradicts Deep or Relative.
/// </summary>
internal sealed class HardshipGenerator(DemoCityOptions options, SeedIds ids)
{
    private const double BaseRate = 0.03;

    private static readonly Weighted<string> Categories =
        new([(SeedValues.Deep, 25), (SeedValues.Relative, 60), (SeedValues.Accidental, 15)]);
    private static readonly Weighted<int> HouseholdSizes = new([(1, 8), (2, 17), (3, 35), (4, 25), (5, 11), (6, 4)]);
    private static readonly Weighted<string> IncomeCauses = new([
        (SeedValues.Illness, 35), (SeedValues.Disability, 15), (SeedValues.Unemployment, 25), (SeedValues.Education, 25)]);

    // Per-person monthly income as permille of 低保 for each category, with margins that rounding cannot cross.
    private static (int Min, int Max) IncomeBand(string category) => category switch
    {
        SeedValues.Deep => (300, 920),
        SeedValues.Relative => (1_080, 1_900),
        _ => (2_100, 3_200),
    };

    public IEnumerable<SeedHardshipFile> Generate(IEnumerable<(SeedMember Member, PlannedEnterprise Firm)> members)
    {
        var rng = Prng.For(options.RandomSeed, "hardship");
        var latest = options.ReferenceDate.AddDays(-7);
        var earliest = options.ReferenceDate.AddDays(-330); // files older than a year would be due for renewal
        long index = 0;
        foreach (var (member, firm) in members)
        {
            if (member.Status != SeedValues.Active || !rng.Chance(BaseRate * firm.Industry.HardshipFactor)) continue;
            var from = member.JoinedOn > earliest ? member.JoinedOn : earliest;
            if (from > latest) continue; // joined too recently to have been surveyed
            var category = Categories.Pick(ref rng);
            var household = HouseholdSizes.Pick(ref rng);
            var (min, max) = IncomeBand(category);
            var perPersonMonthly = options.MinimumLivingAllowance * rng.Between(min, max) / 1000m;
            var costShare = rng.Between(5, 45) / 100m;
            var income = RoundToHundred(perPersonMonthly * 12 * household / (1 - costShare));
            var costs = RoundToHundred(income * costShare);
            yield return new SeedHardshipFile(ids.Create(SeedIds.HardshipFile, index++), member.Id, member.DistrictId,
                household, income, costs, Causes(ref rng, category), category,
                from.AddDays(rng.Next(latest.DayNumber - from.DayNumber + 1)));
        }
    }

    private static string[] Causes(ref Prng rng, string category)
    {
        if (category == SeedValues.Accidental)
        {
            var cause = rng.Chance(0.6) ? SeedValues.Accident : SeedValues.Disaster;
            return rng.Chance(0.3) ? [cause, SeedValues.Illness] : [cause];
        }
        var first = IncomeCauses.Pick(ref rng);
        var second = IncomeCauses.Pick(ref rng);
        return rng.Chance(0.4) && second != first ? [first, second] : [first];
    }

    private static decimal RoundToHundred(decimal amount) => Math.Round(amount / 100m, MidpointRounding.AwayFromZero) * 100m;
}
