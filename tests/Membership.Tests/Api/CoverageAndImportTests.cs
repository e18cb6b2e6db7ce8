using UnionPlatform.Membership.UseCases;
using System.Text.Json;
using UnionPlatform.ServiceDefaults.Http;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Data;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Tests.Api;

public class CoverageAndImportTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task The_gaps_list_the_largest_uncovered_enterprises_with_their_points_and_the_least_joined_covered_ones()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var big = await world.EnterpriseAsync("gulou", headcount: 100_000); // larger than anything else in the district
        var (_, covered) = await world.UnionAsync("gulou", headcount: 50_000); // covered, nobody joined yet: the least joined, and the largest such

        var gaps = await World.Read<CoverageGaps>(await _admin.GetAsync("/api/coverage/gaps?districtId=gulou"));
        var enterprises = await World.Read<Paged<EnterpriseView>>(await _admin.GetAsync("/api/enterprises?districtId=gulou&pageSize=200"));
        var employees = enterprises.Items.Sum(e => e.Headcount);
        var first = gaps.Uncovered[0];
        Assert.Equal(big.Id, first.Id);
        Assert.Equal(Math.Round(100m / enterprises.Total, 2), first.OrganisationRatePoints);
        Assert.Equal(Math.Round(100m * 100_000 / employees, 2), first.MembershipRatePoints);
        var least = gaps.LowMembership[0];
        Assert.Equal((covered, 50_000, 0, 0m), (least.Id, least.Headcount, least.ActiveMembers, least.MembershipRate));
        Assert.True(gaps.LowMembership.Zip(gaps.LowMembership.Skip(1)).All(p => p.First.MembershipRate <= p.Second.MembershipRate));

        var staff = app.ClientAs(UnionRoles.DistrictStaff, "jiangbei");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/coverage/gaps?districtId=gulou")).StatusCode);
    }

    [Fact]
    public async Task Coverage_follows_enterprises_unions_and_member_events()
    {
        var world = await World.CreateAsync(_admin, "xincheng");
        var (union, enterprise) = await world.UnionAsync("xincheng", headcount: 40);
        await world.EnterpriseAsync("xincheng", headcount: 60); // not covered
        for (var i = 0; i < 10; i++) await world.ActiveMemberAsync(union, enterprise);

        CoverageFigures district = null!;
        await MembershipApp.EventuallyAsync(async () =>
        {
            var report = await World.Read<CoverageReport>(await _admin.GetAsync("/api/coverage"));
            district = report.Districts.Single(d => d.Scope == "xincheng");
            return district.Members == 10;
        }, "the projection counted the members");

        Assert.Equal((2L, 1L, 50.0m), (district.Enterprises, district.CoveredEnterprises, district.OrganisationRate));
        Assert.Equal((100L, 40L), (district.Employees, district.CoveredEmployees));
        Assert.Equal((25.0m, 10.0m), (district.MembershipRateOfCoveredEnterprises, district.MembershipRate));
    }

    [Fact]
    public async Task A_retained_member_leaves_the_membership_rate_and_withdrawing_them_later_does_not_count_twice()
    {
        var world = await World.CreateAsync(_admin, "qingshan");
        var (union, _) = await world.UnionAsync("qingshan");
        var member = await world.ActiveMemberAsync(union);
        await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{member.Id}/retain", new RetainMember(RetentionReason.Retired)));
        await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{member.Id}/withdraw", new WithdrawMember(WithdrawalReason.Voluntary)));
        var second = await world.ActiveMemberAsync(union);

        // The projection consumes in batches: wait until it has recorded each of the four member events it counts
        // (joined, retained, withdrawn, joined), then read the rate once. A rate read earlier proves nothing.
        string[] counted = [.. new[] { typeof(Contracts.Membership.MemberJoined), typeof(Contracts.Membership.MemberRetained),
            typeof(Contracts.Membership.MemberWithdrawn) }.Select(UnionPlatform.Messaging.MessageTypes.NameOf)];
        var partitions = new[] { member.Id.ToString(), second.Id.ToString() };
        var events = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => partitions.Contains(m.PartitionKey) && counted.Contains(m.MessageType)).Select(m => m.MessageId).ToListAsync());
        Assert.Equal(4, events.Count);
        await MembershipApp.EventuallyAsync(async () => await app.WithDbAsync(db => db.InboxMessages.CountAsync(i => events.Contains(i.MessageId)
            && i.Consumer.EndsWith("Coverage"))) == events.Count, "the coverage projection consumed the four events");
        var report = await World.Read<CoverageReport>(await _admin.GetAsync("/api/coverage"));
        Assert.Equal(1, report.Districts.Single(d => d.Scope == "qingshan").Members);
    }

    [Fact]
    public async Task The_monthly_series_runs_to_the_current_month_and_rejects_bad_months()
    {
        var series = await World.Read<List<CoverageFigures>>(await _admin.GetAsync("/api/coverage/series?from=2026-01&to=2026-03"));
        Assert.Equal(["2026-01", "2026-02", "2026-03"], series.Select(s => s.Month));
        var bad = await _admin.GetAsync("/api/coverage/series?from=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("from", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task District_staff_see_only_their_districts_coverage_and_not_the_citys()
    {
        var report = await World.Read<CoverageReport>(await app.ClientAs(UnionRoles.DistrictStaff, "gulou").GetAsync("/api/coverage"));
        Assert.Null(report.City);
        Assert.All(report.Districts, d => Assert.Equal("gulou", d.Scope));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientAs(UnionRoles.DistrictStaff, "gulou").GetAsync("/api/coverage/series?districtId=city")).StatusCode);
    }

    [Fact]
    public async Task A_roster_import_stores_the_valid_rows_and_reports_each_bad_one()
    {
        var world = await World.CreateAsync(_admin, "jingkai");
        var (union, _) = await world.UnionAsync("jingkai", headcount: 500);
        var existing = await world.ActiveMemberAsync(union);
        var existingId = await app.WithDbAsync(db => db.Members.Where(m => m.Id == existing.Id).Select(m => m.NationalId).SingleAsync());
        var (good1, good2) = (World.NewNationalId(), World.NewNationalId());
        var csv = new StringBuilder("nationalId,name,phone,joinedOn\n")
            .AppendLine($"{good1},赵敏,13800000001,2025-06-01")
            .AppendLine($"{good2},\"钱, 多多\",13800000002,")
            .AppendLine("110105194912310021,孙悟空,13800000003,")      // bad check digit
            .AppendLine($"{good1},重复,13800000004,")                  // twice in the file
            .AppendLine($"{existingId},已在会,13800000005,")           // already a member
            .AppendLine($"{World.NewNationalId()},未来,13800000006,2999-01-01")
            .ToString();

        var response = await _admin.PostAsync($"/api/unions/{union}/roster", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var report = await World.Read<ImportReport>(response);

        Assert.Equal((6, 2, 4), (report.Rows, report.Imported, report.Rejected));
        Assert.Equal([(4, "nationalId"), (5, "nationalId"), (6, "nationalId"), (7, "joinedOn")], report.Errors.Select(e => (e.Line, e.Field)));
        var page = await World.Read<Paged<MemberView>>(await _admin.GetAsync($"/api/members?unionId={union}&pageSize=10"));
        Assert.Contains(page.Items, m => m.Name == "钱, 多多");
        await MembershipApp.EventuallyAsync(async () => await app.UnsentOutboxAsync() == 0, "the imported members' events are relayed");
    }

    [Fact]
    public async Task A_roster_must_be_csv_with_a_header()
    {
        var world = await World.CreateAsync(_admin, "taiping");
        var (union, _) = await world.UnionAsync("taiping");
        var json = await _admin.PostAsync($"/api/unions/{union}/roster", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        var headerless = await _admin.PostAsync($"/api/unions/{union}/roster", new StringContent("a,b,c\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, headerless.StatusCode);
        var problem = await headerless.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("nationalId", problem.GetProperty("errors").GetProperty("header")[0].GetString());
        var empty = await _admin.PostAsync($"/api/unions/{union}/roster", new StringContent("", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}
