using UnionPlatform.Membership.Data;
using UnionPlatform.Testing;
using UnionPlatform.ServiceDefaults.Http;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Tests.Support;

namespace UnionPlatform.Membership.Tests.Api;

public class MembersApiTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private readonly HttpClient _admin = app.Admin();

    [Fact]
    public async Task Applying_and_approving_makes_an_active_member_and_publishes_MemberJoined()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, enterprise) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union, enterprise);

        Assert.Equal(MemberStatus.Active, member.Status);
        Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", member.NationalIdMasked);
        var history = await World.Read<List<HistoryView>>(await _admin.GetAsync($"/api/members/{member.Id}/history"));
        Assert.Equal([MemberChange.Applied, MemberChange.Joined], history.Select(h => h.Change));
        await MembershipApp.EventuallyAsync(async () => await app.WithDbAsync(db =>
            db.OutboxMessages.AnyAsync(m => m.PartitionKey == member.Id.ToString() && m.SentAt != null)), "MemberJoined is relayed");
    }

    [Fact]
    public async Task Every_bad_field_is_named_in_one_problem()
    {
        var response = await _admin.PostAsJsonAsync("/api/members", new ApplyForMembership("110105194912310021", "", "12345", null, null));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        Assert.Equal(["name", "nationalId", "phone", "unionId"], problem!.Errors.Keys.Order());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{not json", "body")]
    [InlineData("""{"nationalId": 12, "name": "x", "phone": "13800138000"}""", "nationalId")]
    [InlineData("""{"unionId": "not-a-guid"}""", "unionId")]
    public async Task Malformed_json_and_wrong_types_are_400_naming_the_field(string json, string field)
    {
        var response = await _admin.PostAsync("/api/members", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>();
        Assert.Contains(field, problem!.Errors.Keys);
    }

    [Fact]
    public async Task An_oversized_body_is_413_not_500()
    {
        var json = $$"""{"name": "{{new string('x', 2 * 1024 * 1024)}}"}""";
        var response = await _admin.PostAsync("/api/members", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task One_national_id_holds_one_membership_even_under_concurrent_requests()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var (other, _) = await world.UnionAsync("gulou");
        var nationalId = World.NewNationalId();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => app.Admin().PostAsJsonAsync("/api/members",
            new ApplyForMembership(nationalId, "李娜", "13900139000", i % 2 == 0 ? union : other, null))));

        Assert.Equal(1, attempts.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Members.WithNationalId(TestPersonalData.Protector().Hash(nationalId)).CountAsync()));
    }

    [Fact]
    public async Task Transfer_moves_the_member_and_keeps_the_closed_membership_in_history()
    {
        var world = await World.CreateAsync(_admin, "gulou", "jiangbei");
        var (from, _) = await world.UnionAsync("gulou");
        var (to, toEnterprise) = await world.UnionAsync("jiangbei");
        var member = await world.ActiveMemberAsync(from);

        var moved = await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{member.Id}/transfer", new TransferMember(to, toEnterprise)));

        Assert.Equal((to, "jiangbei", MemberStatus.Active), (moved.UnionId, moved.DistrictId, moved.Status));
        var history = await World.Read<List<HistoryView>>(await _admin.GetAsync($"/api/members/{member.Id}/history"));
        Assert.Equal([(MemberChange.TransferredOut, from), (MemberChange.TransferredIn, to)], history.TakeLast(2).Select(h => (h.Change, h.UnionId)));
    }

    [Fact]
    public async Task An_illegal_transition_is_409_naming_the_current_state()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union);
        await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{member.Id}/retain", new RetainMember(RetentionReason.Retired)));

        var response = await _admin.PostAsync($"/api/members/{member.Id}/approve", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("\"currentState\":\"Retained\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Withdrawal_for_non_payment_without_education_is_refused()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union);
        var response = await _admin.PostAsJsonAsync($"/api/members/{member.Id}/withdraw", new WithdrawMember(WithdrawalReason.NoDues));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync($"/api/members/{member.Id}/withdraw", new WithdrawMember(WithdrawalReason.Voluntary))).StatusCode);
    }

    [Fact]
    public async Task Lists_page_and_filter()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        for (var i = 0; i < 3; i++) await world.ActiveMemberAsync(union);

        var page = await World.Read<Paged<MemberView>>(await _admin.GetAsync($"/api/members?unionId={union}&pageSize=2&page=2"));
        Assert.Equal((3, 2, 1), (page.Total, page.PageSize, page.Items.Count));
        var bad = await _admin.GetAsync("/api/members?pageSize=500");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Members_filter_by_the_enterprise_they_work_for()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, enterprise) = await world.UnionAsync("gulou");
        var worker = await world.ActiveMemberAsync(union, enterprise);
        await world.ActiveMemberAsync(union);

        var page = await World.Read<Paged<MemberView>>(await _admin.GetAsync($"/api/members?enterpriseId={enterprise}"));
        Assert.Equal(worker.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task Lists_sort_on_the_keys_they_offer_and_name_the_sort_field_otherwise()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        for (var i = 0; i < 3; i++) await world.ActiveMemberAsync(union);

        var ascending = await World.Read<Paged<MemberView>>(await _admin.GetAsync($"/api/members?unionId={union}&sort=name"));
        var descending = await World.Read<Paged<MemberView>>(await _admin.GetAsync($"/api/members?unionId={union}&sort=-name"));
        Assert.Equal(ascending.Items.Select(m => m.Id).Reverse(), descending.Items.Select(m => m.Id));
        Assert.Equal(ascending.Items.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Id).Select(m => m.Id), ascending.Items.Select(m => m.Id));

        foreach (var path in new[] { $"/api/members?sort=nationalId", "/api/enterprises?sort=-bogus" })
        {
            var bad = await _admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal(["sort"], (await bad.Content.ReadFromJsonAsync<ValidationProblem>())!.Errors.Keys);
        }
    }

    private sealed record ValidationProblem(Dictionary<string, string[]> Errors);
}
