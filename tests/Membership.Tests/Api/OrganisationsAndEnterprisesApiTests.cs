using UnionPlatform.Membership.Jobs;
using UnionPlatform.Messaging;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Tests.Api;

public class OrganisationsAndEnterprisesApiTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task A_grassroots_union_is_approved_by_its_district_and_covers_its_enterprise()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (unionId, enterpriseId) = await world.UnionAsync("gulou");
        var union = await World.Read<OrganisationView>(await _admin.GetAsync($"/api/organisations/{unionId}"));
        var enterprise = await World.Read<EnterpriseView>(await _admin.GetAsync($"/api/enterprises/{enterpriseId}"));
        Assert.Equal((OrganisationState.Approved, world.Districts["gulou"]), (union.State, union.ParentId));
        Assert.Equal(unionId, enterprise.UnionId);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.PartitionKey == unionId.ToString()
            && m.MessageType == MessageTypes.NameOf(typeof(UnionPlatform.Contracts.Membership.OrganisationApproved)))));
    }

    [Fact]
    public async Task Unions_and_enterprises_are_found_by_a_fragment_of_their_name_or_a_whole_credit_code()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (unionId, enterpriseId) = await world.UnionAsync("gulou");
        var union = await World.Read<OrganisationView>(await _admin.GetAsync($"/api/organisations/{unionId}"));
        var enterprise = await World.Read<EnterpriseView>(await _admin.GetAsync($"/api/enterprises/{enterpriseId}"));

        var byName = await World.Read<Paged<OrganisationView>>(await _admin.GetAsync($"/api/organisations?name={Uri.EscapeDataString(union.Name[2..^2])}"));
        Assert.Contains(byName.Items, o => o.Id == unionId);
        var children = await World.Read<Paged<OrganisationView>>(await _admin.GetAsync($"/api/organisations?parentId={world.Districts["gulou"]}"));
        Assert.Contains(children.Items, o => o.Id == unionId);
        Assert.All(children.Items, o => Assert.Equal(world.Districts["gulou"], o.ParentId));

        var byCode = await World.Read<Paged<EnterpriseView>>(await _admin.GetAsync($"/api/enterprises?name={enterprise.CreditCode.ToLowerInvariant()}"));
        Assert.Equal([enterpriseId], byCode.Items.Select(e => e.Id));
        var byFragment = await World.Read<Paged<EnterpriseView>>(await _admin.GetAsync($"/api/enterprises?name={Uri.EscapeDataString(enterprise.Name[1..^1])}&sort=-headcount"));
        Assert.Contains(byFragment.Items, e => e.Id == enterpriseId);
    }

    [Fact]
    public async Task A_union_under_an_unapproved_parent_cannot_be_approved()
    {
        var world = await World.CreateAsync(_admin);
        var district = await World.Read<OrganisationView>(await _admin.PostAsJsonAsync("/api/organisations",
            new ProposeOrganisation("新区总工会", OrganisationKind.District, world.CityId, "xinqu", 5)));
        var enterprise = await world.EnterpriseAsync("xinqu");
        var union = await World.Read<OrganisationView>(await _admin.PostAsJsonAsync("/api/organisations",
            new ProposeOrganisation("工会", OrganisationKind.Grassroots, district.Id, "xinqu", 3)));

        var response = await _admin.PostAsJsonAsync($"/api/organisations/{union.Id}/approve", new ApproveOrganisation([enterprise.Id]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("parent", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_union_with_active_members_cannot_be_dissolved_until_they_transfer()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var (other, _) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsync($"/api/organisations/{union}/dissolve", null)).StatusCode);

        await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{member.Id}/transfer", new TransferMember(other, null)));
        var dissolved = await World.Read<OrganisationView>(await _admin.PostAsync($"/api/organisations/{union}/dissolve", null));
        Assert.Equal(OrganisationState.Dissolved, dissolved.State);
    }

    [Fact]
    public async Task Proposals_with_bad_fields_name_each_field()
    {
        var response = await _admin.PostAsJsonAsync("/api/organisations", new ProposeOrganisation("", null, null, null, 4));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "name", "kind", "districtId", "termYears" }) Assert.Contains($"\"{field}\"", body);
    }

    [Fact]
    public async Task District_staff_cannot_create_district_federations_or_reach_other_districts()
    {
        var staff = app.ClientAs(UnionRoles.DistrictStaff, "gulou");
        var world = await World.CreateAsync(_admin, "gulou", "jiangbei");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync("/api/organisations",
            new ProposeOrganisation("区总工会", OrganisationKind.District, world.CityId, "gulou", 5))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/organisations/{world.Districts["jiangbei"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/organisations/{world.Districts["gulou"]}")).StatusCode);
    }

    [Fact]
    public async Task An_enterprise_needs_a_valid_unique_credit_code()
    {
        var bad = await _admin.PostAsJsonAsync("/api/enterprises", new RegisterEnterprise("91320102MA00000001", "x", "gulou", "IT", -1));
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("creditCode", body);
        Assert.Contains("headcount", body);

        var code = SocialCreditCode.Create("91320102MA9999999");
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/enterprises", new RegisterEnterprise(code, "甲公司", "gulou", "IT", 10))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync("/api/enterprises", new RegisterEnterprise(code, "乙公司", "gulou", "IT", 10))).StatusCode);
    }

    [Fact]
    public async Task Changing_a_covered_enterprises_headcount_moves_the_coverage_denominators()
    {
        var world = await World.CreateAsync(_admin, "yunxi");
        var (_, enterprise) = await world.UnionAsync("yunxi", headcount: 100);
        await World.Read<EnterpriseView>(await _admin.PutAsJsonAsync($"/api/enterprises/{enterprise}/headcount", new ChangeHeadcount(150)));
        var report = await World.Read<CoverageReport>(await _admin.GetAsync("/api/coverage"));
        var yunxi = report.Districts.Single(d => d.Scope == "yunxi");
        Assert.Equal((150L, 150L), (yunxi.Employees, yunxi.CoveredEmployees));
    }
}

public class ReelectionWatchTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    [Fact]
    public async Task An_active_union_whose_term_ran_out_becomes_due_for_reelection()
    {
        var admin = app.Admin();
        var world = await World.CreateAsync(admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        await World.Read<OrganisationView>(await admin.PostAsync($"/api/organisations/{union}/activate", null));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE organisations SET term_started_on = term_started_on - interval '3 years' WHERE id = {union}"));

        await app.Services.GetRequiredService<ReelectionWatch>().MarkDueAsync(CancellationToken.None);

        var due = await World.Read<OrganisationView>(await admin.GetAsync($"/api/organisations/{union}"));
        Assert.Equal(OrganisationState.ReelectionDue, due.State);
        var reelected = await World.Read<OrganisationView>(await admin.PostAsync($"/api/organisations/{union}/reelect", null));
        Assert.Equal(OrganisationState.Active, reelected.State);
    }
}
