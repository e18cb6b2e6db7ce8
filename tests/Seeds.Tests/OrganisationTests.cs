namespace UnionPlatform.Seeds.Tests;

[Collection(DemoCityCollection.Name)]
public sealed class OrganisationTests(DemoCityFixture city)
{
    private IReadOnlyList<SeedOrganisation> Organisations => city.City.Organisations;

    [Fact]
    public void The_city_has_about_ten_districts_with_distinct_ids_and_area_codes()
    {
        var districts = city.City.Districts;
        Assert.InRange(districts.Count, 8, 12);
        Assert.Equal(districts.Count, districts.Select(d => d.Id).Distinct().Count());
        Assert.Equal(districts.Count, districts.Select(d => d.AreaCode).Distinct().Count());
        Assert.All(districts, d => Assert.Matches(@"^\d{6}$", d.AreaCode));
        Assert.Contains(districts, d => d.Id == "gaoxin");
        Assert.Contains(districts, d => d.Id == "jingkai");
    }

    [Fact]
    public void One_city_federation_heads_one_federation_per_district()
    {
        var cityFederation = Assert.Single(Organisations, o => o.Kind == SeedValues.City);
        Assert.Null(cityFederation.ParentId);
        var federations = Organisations.Where(o => o.Kind == SeedValues.District).ToList();
        Assert.Equal(city.City.Districts.Select(d => d.Id).Order(), federations.Select(f => f.DistrictId).Order());
        Assert.All(federations, f => Assert.Equal(cityFederation.Id, f.ParentId));
    }

    [Fact]
    public void Unions_hang_under_their_districts_federation_which_comes_first()
    {
        var seen = new Dictionary<Guid, SeedOrganisation>();
        foreach (var o in Organisations)
        {
            if (o.ParentId is { } parentId)
            {
                Assert.True(seen.TryGetValue(parentId, out var parent), $"{o.Name} comes before its parent");
                Assert.True(o.EstablishedOn >= parent.EstablishedOn, $"{o.Name} is older than its parent");
                if (o.Kind is SeedValues.Grassroots or SeedValues.JointGrassroots)
                {
                    Assert.Equal(SeedValues.District, parent.Kind);
                    Assert.Equal(parent.DistrictId, o.DistrictId);
                }
            }
            seen.Add(o.Id, o);
        }
    }

    [Fact]
    public void A_grassroots_union_covers_one_enterprise_and_a_joint_one_several_small_ones()
    {
        var covered = city.City.Enterprises.Where(e => e.UnionId is not null).GroupBy(e => e.UnionId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var grassroots = Organisations.Where(o => o.Kind == SeedValues.Grassroots).ToList();
        var joint = Organisations.Where(o => o.Kind == SeedValues.JointGrassroots).ToList();

        Assert.InRange(grassroots.Count, 300, 1_500);
        Assert.InRange(joint.Count, 50, 500);
        Assert.All(grassroots, g => Assert.Single(covered[g.Id]));
        Assert.All(joint, j => Assert.True(covered[j.Id].Count >= 3 && covered[j.Id].All(e => e.Headcount < 50), j.Name));
        Assert.All(covered.Keys, id => Assert.Contains(id, grassroots.Select(g => g.Id).Concat(joint.Select(j => j.Id))));
    }

    [Fact]
    public void Unions_with_twenty_five_members_or_more_have_a_committee()
    {
        var members = city.Members.CountBy(m => m.UnionId).ToDictionary();
        Assert.All(Organisations.Where(o => o.Kind is SeedValues.Grassroots or SeedValues.JointGrassroots),
            o => Assert.Equal(members.GetValueOrDefault(o.Id) >= 25, o.HasCommittee));
    }

    [Fact]
    public void Terms_are_three_or_five_years_and_every_union_was_established_before_the_reference_date()
    {
        Assert.All(Organisations, o =>
        {
            Assert.Contains(o.TermYears, new[] { 3, 5 });
            Assert.True(o.EstablishedOn < city.Today);
        });
        Assert.Equal(Organisations.Count, Organisations.Select(o => o.Name).Distinct().Count());
    }
}
