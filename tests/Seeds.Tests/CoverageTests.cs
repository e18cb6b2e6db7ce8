namespace UnionPlatform.Seeds.Tests;

[Collection(DemoCityCollection.Name)]
public sealed class CoverageTests(DemoCityFixture city)
{
    private IReadOnlyList<SeedEnterprise> Enterprises => city.City.Enterprises;

    [Fact]
    public void Exactly_the_requested_number_of_members_is_generated()
    {
        Assert.Equal(city.City.Options.Members, city.Members.Count);
    }

    [Fact]
    public void Members_work_only_in_covered_enterprises_and_belong_to_the_union_that_covers_them()
    {
        var enterprises = Enterprises.ToDictionary(e => e.Id);
        Assert.All(city.Members, m =>
        {
            var employer = enterprises[m.EnterpriseId];
            Assert.Equal(employer.UnionId, m.UnionId);
            Assert.Equal(employer.DistrictId, m.DistrictId);
        });
    }

    [Fact]
    public void No_enterprise_has_more_members_than_staff()
    {
        var members = city.Members.CountBy(m => m.EnterpriseId).ToDictionary();
        Assert.All(Enterprises, e => Assert.InRange(members.GetValueOrDefault(e.Id), 0, e.Headcount));
        Assert.All(Enterprises.Where(e => e.UnionId is not null), e => Assert.True(members.ContainsKey(e.Id), e.Name));
    }

    [Fact]
    public void Organisation_rate_is_plausible_overall_and_varies_by_district()
    {
        Assert.InRange(OrganisationRate(Enterprises), 0.70, 0.85);
        var byDistrict = Enterprises.GroupBy(e => e.DistrictId).Select(OrganisationRate).ToList();
        Assert.True(byDistrict.Max() - byDistrict.Min() >= 0.15, "the organisation rate should differ between districts");
    }

    [Fact]
    public void Membership_rate_of_covered_headcount_is_plausible()
    {
        var covered = Enterprises.Where(e => e.UnionId is not null).Sum(e => (long)e.Headcount);
        var active = city.Members.Count(m => m.Status == SeedValues.Active);
        Assert.InRange(active / (double)covered, 0.75, 0.90);
    }

    [Fact]
    public void Enterprise_sizes_are_heavy_tailed()
    {
        Assert.InRange(Enterprises.Count(e => e.Headcount < 50) / (double)Enterprises.Count, 0.65, 0.9);
        Assert.Contains(Enterprises, e => e.Headcount >= 3_000);
        Assert.All(Enterprises, e => Assert.True(e.Headcount >= 3));
    }

    [Fact]
    public void Enterprises_span_the_usual_industries_and_have_unique_names()
    {
        var industries = Enterprises.Select(e => e.Industry).ToHashSet();
        Assert.Superset(new HashSet<string> { "Manufacturing", "Construction", "Retail", "Logistics", "InformationTechnology",
            "Healthcare", "Education", "Hospitality", "Finance", "PublicUtilities" }, industries);
        Assert.Equal(Enterprises.Count, Enterprises.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public void Member_statuses_are_mostly_active_some_retained_and_a_few_withdrawn()
    {
        double Share(string status) => city.Members.Count(m => m.Status == status) / (double)city.Members.Count;
        Assert.InRange(Share(SeedValues.Active), 0.90, 0.97);
        Assert.InRange(Share(SeedValues.Retained), 0.02, 0.08);
        Assert.InRange(Share(SeedValues.Withdrawn), 0.005, 0.03);
    }

    [Fact]
    public void Members_joined_within_the_last_fifteen_years_after_their_union_was_established()
    {
        var established = city.City.Organisations.ToDictionary(o => o.Id, o => o.EstablishedOn);
        Assert.All(city.Members, m =>
        {
            Assert.InRange(m.JoinedOn, city.Today.AddYears(-15), city.Today);
            Assert.True(m.JoinedOn >= established[m.UnionId]);
        });
    }

    [Fact]
    public void A_bigger_city_has_proportionally_more_enterprises_at_the_same_rates()
    {
        var small = DemoCity.Create(new DemoCityOptions { Members = 50_000 });
        var ratio = Enterprises.Count / (double)small.Enterprises.Count;

        Assert.InRange(ratio, 3.0, 5.0);
        Assert.InRange(OrganisationRate(small.Enterprises), 0.70, 0.85);
    }

    private static double OrganisationRate(IEnumerable<SeedEnterprise> enterprises) =>
        enterprises.Count(e => e.UnionId is not null) / (double)enterprises.Count();
}
