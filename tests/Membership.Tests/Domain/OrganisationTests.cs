using UnionPlatform.Membership.Domain;
using UnionPlatform.Kernel;

namespace UnionPlatform.Membership.Tests.Domain;

public class OrganisationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 25);

    internal static Organisation City()
    {
        var city = Organisation.Propose(Guid.NewGuid(), "市总工会", OrganisationKind.City, null, "city", 5, Now);
        city.Approve(null);
        return city;
    }

    internal static Organisation Approved(OrganisationKind kind, Organisation parent, string district = "gulou")
    {
        var o = Organisation.Propose(Guid.NewGuid(), "工会", kind, parent, district, 3, Now);
        o.Approve(parent);
        return o;
    }

    [Fact]
    public void A_parent_that_is_not_approved_cannot_approve()
    {
        var city = City();
        var district = Organisation.Propose(Guid.NewGuid(), "区总工会", OrganisationKind.District, city, "gulou", 5, Now);
        var grassroots = Organisation.Propose(Guid.NewGuid(), "工会", OrganisationKind.Grassroots, district, "gulou", 3, Now);
        var error = Assert.Throws<DomainException>(() => grassroots.Approve(district));
        Assert.Equal("Preparing", error.CurrentState);
    }

    [Theory]
    [InlineData(OrganisationKind.Grassroots, OrganisationKind.City)]
    [InlineData(OrganisationKind.District, OrganisationKind.District)]
    public void A_union_sits_only_under_the_level_above(OrganisationKind kind, OrganisationKind parentKind)
    {
        var city = City();
        var parent = parentKind == OrganisationKind.City ? city : Approved(OrganisationKind.District, city);
        Assert.Throws<DomainException>(() => Organisation.Propose(Guid.NewGuid(), "x", kind, parent, "gulou", 3, Now));
    }

    [Fact]
    public void Terms_are_three_or_five_years() =>
        Assert.Throws<DomainException>(() => Organisation.Propose(Guid.NewGuid(), "x", OrganisationKind.City, null, "city", 4, Now));

    [Fact]
    public void Only_the_parent_approves()
    {
        var city = City();
        var district = Approved(OrganisationKind.District, city);
        var other = Approved(OrganisationKind.District, city, "xincheng");
        var union = Organisation.Propose(Guid.NewGuid(), "工会", OrganisationKind.Grassroots, district, "gulou", 3, Now);
        Assert.Throws<DomainException>(() => union.Approve(other));
    }

    [Fact]
    public void A_union_with_25_members_needs_a_committee_to_activate()
    {
        var union = Approved(OrganisationKind.Grassroots, Approved(OrganisationKind.District, City()));
        Assert.Throws<DomainException>(() => union.Activate(25, Today));
        union.SetCommittee(true, 25);
        union.Activate(25, Today);
        Assert.Equal(OrganisationState.Active, union.State);
    }

    [Fact]
    public void An_active_union_of_25_members_cannot_stand_its_committee_down()
    {
        var union = Approved(OrganisationKind.Grassroots, Approved(OrganisationKind.District, City()));
        union.SetCommittee(true, 25);
        union.Activate(25, Today);
        var refused = Assert.Throws<DomainException>(() => union.SetCommittee(false, 25));
        Assert.Equal("Active", refused.CurrentState);
        union.SetCommittee(false, 24);
        Assert.False(union.HasCommittee);
    }

    [Fact]
    public void An_expired_term_makes_reelection_due()
    {
        var union = Approved(OrganisationKind.Grassroots, Approved(OrganisationKind.District, City()));
        union.Activate(3, Today);
        Assert.False(union.MarkReelectionDueIfExpired(Today.AddYears(3).AddDays(-1)));
        Assert.True(union.MarkReelectionDueIfExpired(Today.AddYears(3)));
        union.Reelect(3, Today.AddYears(3));
        Assert.Equal(OrganisationState.Active, union.State);
    }

    [Fact]
    public void A_union_with_active_members_cannot_dissolve()
    {
        var union = Approved(OrganisationKind.Grassroots, Approved(OrganisationKind.District, City()));
        Assert.Throws<DomainException>(() => union.Dissolve(1, 0));
        union.Dissolve(0, 0);
        Assert.Equal(OrganisationState.Dissolved, union.State);
    }

    [Fact]
    public void A_federation_with_open_unions_under_it_cannot_dissolve()
    {
        var district = Approved(OrganisationKind.District, City());
        Assert.Contains("1 open organisations", Assert.Throws<DomainException>(() => district.Dissolve(0, 1)).Message);
        Assert.True(district.IsFederation);
    }

    [Fact]
    public void Monthly_dues_are_half_a_percent_ignoring_the_wage_below_ten_yuan()
    {
        Assert.Equal(28.35m, Dues.MonthlyFor(5678m));
        Assert.Equal(0m, Dues.MonthlyFor(9.99m));
    }
}
