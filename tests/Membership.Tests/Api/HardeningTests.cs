using UnionPlatform.Messaging;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;

namespace UnionPlatform.Membership.Tests.Api;

/// <summary>Faults found by a hostile client and a line-by-line read; each test failed before its fix.</summary>
public class HardeningTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private readonly HttpClient _admin = app.Admin();

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static void NamesField(JsonElement problem, string field) =>
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} is named in {problem}");

    [Fact]
    public async Task A_control_character_in_any_text_field_is_a_400_naming_the_field()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        NamesField(await Problem(await _admin.PostAsJsonAsync("/api/members",
            new ApplyForMembership(World.NewNationalId(), "张\u0000三", "13800138000", union, null)), HttpStatusCode.BadRequest), "name");
        NamesField(await Problem(await _admin.PostAsJsonAsync("/api/enterprises",
            new RegisterEnterprise(SocialCreditCode.Create("91320102MA9999991"), "企业\u0007", "gulou", "Manufacturing", 10)), HttpStatusCode.BadRequest), "name");
        NamesField(await Problem(await _admin.PostAsJsonAsync("/api/organisations",
            new ProposeOrganisation("工会\u001b", OrganisationKind.Grassroots, world.Districts["gulou"], "gulou", 3)), HttpStatusCode.BadRequest), "name");
        // An escaped lone surrogate cannot be stored as UTF-8 either.
        NamesField(await Problem(await _admin.PostAsync("/api/organisations", new StringContent(
            """{"name":"\ud800","kind":"Grassroots","districtId":"gulou","termYears":3}""", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest), "name");
        NamesField(await Problem(await _admin.GetAsync("/api/members?name=%00"), HttpStatusCode.BadRequest), "name");
    }

    [Fact]
    public async Task A_huge_page_number_is_a_400_not_an_overflow()
    {
        NamesField(await Problem(await _admin.GetAsync("/api/members?page=2147483647"), HttpStatusCode.BadRequest), "page");
        NamesField(await Problem(await _admin.GetAsync("/api/organisations?page=99999999999"), HttpStatusCode.BadRequest), "page");
    }

    [Fact]
    public async Task Identifiers_pasted_with_spaces_and_a_lower_case_x_are_accepted()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var id = NationalIdEndingInX();
        var member = await World.Read<MemberView>(await _admin.PostAsJsonAsync("/api/members",
            new ApplyForMembership($" {id.ToLowerInvariant()} ", "李四", "13800138000", union, null)));
        Assert.Equal(id, await app.WithDbAsync(db => db.Members.Where(m => m.Id == member.Id).Select(m => m.NationalId).SingleAsync()));

        var code = SocialCreditCode.Create("91320102MA8888881");
        var enterprise = await World.Read<EnterpriseView>(await _admin.PostAsJsonAsync("/api/enterprises",
            new RegisterEnterprise($" {code.ToLowerInvariant()}\t", "空格企业", "gulou", "Manufacturing", 10)));
        Assert.Equal(code, enterprise.CreditCode);
    }

    private static string NationalIdEndingInX()
    {
        for (var n = 0; ; n++)
            if (NationalId.Create("320102", new DateOnly(1990, 1, 1).AddDays(Random.Shared.Next(9000)), n) is var id && id.EndsWith('X')) return id;
    }

    [Fact]
    public async Task Applying_with_a_national_id_of_another_district_reveals_nothing_and_moves_nothing()
    {
        var world = await World.CreateAsync(_admin, "gulou", "jiangbei");
        var (gulou, _) = await world.UnionAsync("gulou");
        var (jiangbei, _) = await world.UnionAsync("jiangbei");
        var nationalId = World.NewNationalId();
        var withdrawn = await world.ActiveMemberAsync(jiangbei, nationalId: nationalId);
        await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{withdrawn.Id}/withdraw", new WithdrawMember(WithdrawalReason.Voluntary)));

        var staff = app.ClientAs(UnionRoles.DistrictStaff, "gulou");
        var refused = await Problem(await staff.PostAsJsonAsync("/api/members",
            new ApplyForMembership(nationalId, "王五", "13800138001", gulou, null)), HttpStatusCode.Conflict);
        Assert.False(refused.TryGetProperty("currentState", out _));
        Assert.Equal(MembersApi.NotRegistrableHere, refused.GetProperty("detail").GetString());
        var record = await app.WithDbAsync(db => db.Members.AsNoTracking().SingleAsync(m => m.Id == withdrawn.Id));
        Assert.Equal(("jiangbei", MemberStatus.Withdrawn, jiangbei), (record.DistrictId, record.Status, record.UnionId));
    }

    [Fact]
    public async Task A_former_member_reapplies_through_the_api_on_the_same_record()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var nationalId = World.NewNationalId();
        var member = await world.ActiveMemberAsync(union, nationalId: nationalId);
        await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{member.Id}/withdraw", new WithdrawMember(WithdrawalReason.Voluntary)));
        var again = await World.Read<MemberView>(await _admin.PostAsJsonAsync("/api/members", new ApplyForMembership(nationalId, "张伟", "13800138000", union, null)));
        Assert.Equal((member.Id, MemberStatus.Applied), (again.Id, again.Status));
    }

    [Fact]
    public async Task Combined_roles_never_widen_access()
    {
        var world = await World.CreateAsync(_admin, "gulou", "jiangbei");
        var (jiangbei, _) = await world.UnionAsync("jiangbei");
        var other = await world.ActiveMemberAsync(jiangbei);
        var staffAndAuditor = app.ClientAs([UnionRoles.DistrictStaff, UnionRoles.Auditor], "gulou");
        Assert.Equal(HttpStatusCode.NotFound, (await staffAndAuditor.GetAsync($"/api/members/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staffAndAuditor.PostAsync($"/api/members/{other.Id}/expel", null)).StatusCode);
        var adminAndAgency = app.ClientAs([UnionRoles.CityAdmin, UnionRoles.Agency]);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminAndAgency.GetAsync($"/api/members/{other.Id}")).StatusCode);
        var adminAndStaff = app.ClientAs([UnionRoles.CityAdmin, UnionRoles.DistrictStaff], "gulou");
        Assert.Equal(HttpStatusCode.NotFound, (await adminAndStaff.GetAsync($"/api/members/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminAndStaff.GetAsync("/ops/dead-letters/membership-member-joined-coverage")).StatusCode);
    }

    [Fact]
    public async Task A_token_expired_a_minute_ago_is_refused()
    {
        var expired = app.ClientWithToken(MembershipApp.Token([UnionRoles.CityAdmin], null, DateTime.UtcNow.AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/members")).StatusCode);
    }

    [Fact]
    public async Task District_staff_cannot_approve_or_dissolve_their_own_district_federation()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var proposed = await World.Read<OrganisationView>(await _admin.PostAsJsonAsync("/api/organisations",
            new ProposeOrganisation("新区总工会", OrganisationKind.District, world.CityId, "xinqu", 5)));
        var staff = app.ClientAs(UnionRoles.DistrictStaff, "xinqu");
        await Problem(await staff.PostAsJsonAsync($"/api/organisations/{proposed.Id}/approve", new ApproveOrganisation(null)), HttpStatusCode.Forbidden);
        await World.Read<OrganisationView>(await _admin.PostAsJsonAsync($"/api/organisations/{proposed.Id}/approve", new ApproveOrganisation(null)));
        await Problem(await staff.PostAsync($"/api/organisations/{proposed.Id}/dissolve", null), HttpStatusCode.Forbidden);
        var state = await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == proposed.Id).Select(o => o.State).SingleAsync());
        Assert.Equal(OrganisationState.Approved, state);
    }

    [Fact]
    public async Task A_federation_with_open_unions_under_it_cannot_be_dissolved()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        await world.UnionAsync("gulou");
        var problem = await Problem(await _admin.PostAsync($"/api/organisations/{world.Districts["gulou"]}/dissolve", null), HttpStatusCode.Conflict);
        Assert.Equal("Approved", problem.GetProperty("currentState").GetString());
    }

    [Fact]
    public async Task A_merge_moves_members_and_enterprises_and_its_events_share_one_correlation_id()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (from, enterprise) = await world.UnionAsync("gulou");
        var (into, _) = await world.UnionAsync("gulou");
        var members = new[] { await world.ActiveMemberAsync(from), await world.ActiveMemberAsync(from) };
        var merged = await World.Read<OrganisationView>(await _admin.PostAsJsonAsync($"/api/organisations/{from}/merge", new MergeOrganisation(into)));
        Assert.Equal(OrganisationState.Merged, merged.State);
        await app.WithDbAsync(async db =>
        {
            Assert.All(await db.Members.Where(m => members.Select(x => x.Id).Contains(m.Id)).ToListAsync(), m => Assert.Equal(into, m.UnionId));
            Assert.Equal(into, (await db.Enterprises.SingleAsync(e => e.Id == enterprise)).UnionId);
            var keys = members.Select(m => m.Id.ToString()).Append(from.ToString()).ToList();
            var (transferred, dissolved) = (MessageTypes.NameOf(typeof(UnionPlatform.Contracts.Membership.MemberTransferred)),
                MessageTypes.NameOf(typeof(UnionPlatform.Contracts.Membership.OrganisationDissolved)));
            var correlations = await db.OutboxMessages.Where(o => keys.Contains(o.PartitionKey) && o.MessageType == transferred || o.PartitionKey == from.ToString() && o.MessageType == dissolved)
                .Select(o => o.CorrelationId).Distinct().ToListAsync();
            Assert.Single(correlations);
            return 0;
        });
    }

    [Fact]
    public async Task Concurrent_changes_to_one_member_are_each_applied_or_refused_with_a_409_never_a_5xx()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _admin.PostAsJsonAsync($"/api/members/{member.Id}/dues", new RecordDues(Hardening.Today.AddMonths(i + 1)))));
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{r.StatusCode}"));
        Assert.Contains(results, r => r.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_duplicate_national_id_leaves_no_trace_of_it_in_the_database_servers_log()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var nationalId = World.NewNationalId();
        var member = await world.ActiveMemberAsync(union, nationalId: nationalId);
        // Plain values in the text columns too: even a writer that bypassed the encryption leaves nothing in the log.
        var violation = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO members (id, national_id, national_id_hash, name, phone, district_id, union_id, status, applied_on)
            VALUES ({Guid.NewGuid()}, {nationalId}, {TestPersonalData.Protector().Hash(nationalId)}, '重复', '13800138000', 'gulou', {union}, 'Applied', {Hardening.Today})
            """)));
        Assert.Equal(MembershipConstraints.OneMembershipPerNationalId, violation.ConstraintName);

        var log = await TestServers.PostgresLogAsync();
        Assert.Contains(MembershipConstraints.OneMembershipPerNationalId, log); // the error was logged, and we read that log
        Assert.DoesNotContain(nationalId, log);
        Assert.DoesNotContain(nationalId[..17], log);
        Assert.NotEqual(Guid.Empty, member.Id);
    }

    [Fact]
    public async Task Re_driving_a_queue_that_does_not_exist_is_a_404()
    {
        await Problem(await _admin.PostAsync("/ops/dead-letters/no-such-queue/redrive", null), HttpStatusCode.NotFound);
    }
}

internal static class Hardening
{
    public static DateOnly Today => UnionPlatform.Kernel.BusinessCalendar.Today(TimeProvider.System);
}
