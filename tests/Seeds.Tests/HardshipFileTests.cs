namespace UnionPlatform.Seeds.Tests;

[Collection(DemoCityCollection.Name)]
public sealed class HardshipFileTests(DemoCityFixture city)
{
    private decimal Dibao => city.City.Options.MinimumLivingAllowance;

    [Fact]
    public void Two_to_four_percent_of_active_members_hold_a_file_and_only_active_members_do()
    {
        var active = city.Members.Where(m => m.Status == SeedValues.Active).ToDictionary(m => m.Id);
        Assert.All(city.HardshipFiles, f => Assert.Equal(active[f.MemberId].DistrictId, f.DistrictId));
        Assert.Equal(city.HardshipFiles.Count, city.HardshipFiles.Select(f => f.MemberId).Distinct().Count());
        Assert.InRange(city.HardshipFiles.Count / (double)active.Count, 0.02, 0.04);
    }

    [Fact]
    public void Categories_come_in_plausible_proportions()
    {
        double Share(string category) => city.HardshipFiles.Count(f => f.Category == category) / (double)city.HardshipFiles.Count;
        Assert.InRange(Share(SeedValues.Deep), 0.20, 0.30);
        Assert.InRange(Share(SeedValues.Relative), 0.55, 0.65);
        Assert.InRange(Share(SeedValues.Accidental), 0.10, 0.20);
    }

    [Fact]
    public void The_category_agrees_with_the_per_person_income_against_the_minimum_living_allowance()
    {
        Assert.All(city.HardshipFiles, f =>
        {
            var perPersonMonthly = (f.AnnualIncome - f.EssentialCosts) / 12 / f.HouseholdSize;
            var accidentOrDisaster = f.Causes.Any(c => c is SeedValues.Accident or SeedValues.Disaster);
            Assert.True(f.EssentialCosts <= 0.8m * f.AnnualIncome, "costs over 80% of income would make any file Accidental");
            switch (f.Category)
            {
                case SeedValues.Deep:
                    Assert.True(perPersonMonthly < Dibao, $"Deep at {perPersonMonthly:F0}");
                    Assert.False(accidentOrDisaster);
                    break;
                case SeedValues.Relative:
                    Assert.InRange(perPersonMonthly, Dibao, 2 * Dibao - 0.01m);
                    Assert.False(accidentOrDisaster);
                    break;
                default:
                    Assert.Equal(SeedValues.Accidental, f.Category);
                    Assert.True(perPersonMonthly >= 2 * Dibao, $"Accidental at {perPersonMonthly:F0}");
                    Assert.True(accidentOrDisaster);
                    break;
            }
        });
    }

    [Fact]
    public void Files_are_current_and_filed_after_the_member_joined()
    {
        var joined = city.Members.ToDictionary(m => m.Id, m => m.JoinedOn);
        Assert.All(city.HardshipFiles, f =>
        {
            Assert.InRange(f.FiledOn, city.Today.AddYears(-1), city.Today);
            Assert.True(f.FiledOn >= joined[f.MemberId]);
            Assert.InRange(f.HouseholdSize, 1, 6);
            Assert.NotEmpty(f.Causes);
        });
    }
}
