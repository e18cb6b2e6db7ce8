using UnionPlatform.HardshipAid.Domain;

namespace UnionPlatform.HardshipAid.Tests.Domain;

public class CategorisationTests
{
    private const decimal Allowance = 1_062m;

    [Fact]
    public void Per_person_monthly_income_is_income_less_essential_costs_over_twelve_months_and_the_household()
    {
        Assert.Equal(1_000m, new HouseholdIncome(4, 60_000m, 12_000m).PerPersonMonthly);
        Assert.Equal(-250m, new HouseholdIncome(1, 0m, 3_000m).PerPersonMonthly);
    }

    [Theory]
    [InlineData(1, 12_744, 0, HardshipCategory.Relative)]      // exactly 1,062: not below 低保
    [InlineData(1, 12_743.88, 0, HardshipCategory.Deep)]       // 1,061.99
    [InlineData(2, 50_976, 0, null)]                           // 2,124 = 2 × 低保: not below it
    [InlineData(2, 50_975.76, 0, HardshipCategory.Relative)]   // 2,123.99
    [InlineData(3, 60_000, 30_000, HardshipCategory.Deep)]     // 833.33 after costs
    public void Category_follows_the_per_person_income_against_the_allowance(int size, double income, double costs, HardshipCategory? expected) =>
        Assert.Equal(expected, Categorisation.Categorise(new HouseholdIncome(size, (decimal)income, (decimal)costs), [HardshipCause.Illness], Allowance));

    [Fact]
    public void Above_twice_the_allowance_only_injury_disaster_or_crushing_costs_make_a_household_accidental()
    {
        var comfortable = new HouseholdIncome(1, 60_000m, 0m); // 5,000 a month
        Assert.Null(Categorisation.Categorise(comfortable, [HardshipCause.Illness, HardshipCause.Unemployment], Allowance));
        Assert.Equal(HardshipCategory.Accidental, Categorisation.Categorise(comfortable, [HardshipCause.Accident], Allowance));
        Assert.Equal(HardshipCategory.Accidental, Categorisation.Categorise(comfortable, [HardshipCause.Disaster], Allowance));

        var rich = 600_000m;
        Assert.Equal(HardshipCategory.Accidental, Categorisation.Categorise(new HouseholdIncome(1, rich, 480_000.01m), [HardshipCause.Illness], Allowance));
        Assert.Null(Categorisation.Categorise(new HouseholdIncome(1, rich, 480_000m), [HardshipCause.Illness], Allowance)); // exactly 80%
    }

    [Fact]
    public void The_standard_in_force_is_the_latest_effective_on_the_date()
    {
        var now = DateTimeOffset.UtcNow;
        var standards = new[]
        {
            MinimumLivingAllowance.Publish(Guid.NewGuid(), "gulou", 1_000m, new DateOnly(2025, 1, 1), now),
            MinimumLivingAllowance.Publish(Guid.NewGuid(), "gulou", 1_062m, new DateOnly(2025, 7, 1), now),
            MinimumLivingAllowance.Publish(Guid.NewGuid(), "gulou", 1_100m, new DateOnly(2026, 1, 1), now),
        };
        Assert.Null(MinimumLivingAllowance.InForce(standards, new DateOnly(2024, 12, 31)));
        Assert.Equal(1_000m, MinimumLivingAllowance.InForce(standards, new DateOnly(2025, 6, 30))!.Amount);
        Assert.Equal(1_062m, MinimumLivingAllowance.InForce(standards, new DateOnly(2025, 7, 1))!.Amount);
        Assert.Equal(1_100m, MinimumLivingAllowance.InForce(standards, new DateOnly(2026, 3, 1))!.Amount);
        Assert.Throws<UnionPlatform.Kernel.DomainException>(() =>
            MinimumLivingAllowance.Publish(Guid.NewGuid(), "gulou", 0m, new DateOnly(2026, 1, 1), now));
    }

    [Fact]
    public void The_eligibility_view_ignores_events_older_than_what_it_knows()
    {
        var member = EligibleMember.Unknown(Guid.NewGuid());
        var t = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.True(member.Apply(t.AddHours(2), MembershipStatus.Withdrawn, "gulou", Guid.Empty)); // withdrawal seen first
        Assert.False(member.Apply(t.AddHours(1), MembershipStatus.Active, "gulou", Guid.Empty));   // the late join
        Assert.False(member.MayOpenFile);
        Assert.True(member.Apply(t.AddHours(3), MembershipStatus.Active, "jiangbei", Guid.Empty));  // re-joined later
        Assert.True(member.MayOpenFile);
        Assert.Equal("jiangbei", member.DistrictId);
    }
}
