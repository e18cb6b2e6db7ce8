using System.Net;
using System.Net.Http.Json;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;

namespace UnionPlatform.HardshipAid.Tests.Api;

public class AidGrantsApiTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);

    [Fact]
    public async Task A_grant_stages_aid_granted_and_one_payment_request_keyed_by_the_grant()
    {
        var file = await _hardship.FileAsync("gulou");
        var response = await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", new GrantAid(null, AidType.Living, 3_000m, null, null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var grant = await Hardship.Read<GrantView>(response);
        Assert.Equal((GrantStatus.Pending, file.Id, Hardship.Today.Year), (grant.Status, grant.FileId, grant.AidYear));

        Assert.Equal("Living", Assert.Single(await app.OutboxAsync("AidGranted", grant.Id)).GetProperty("aidType").GetString());
        var request = Assert.Single(await app.OutboxAsync("PaymentRequested", grant.Id));
        Assert.Equal(grant.Id, request.GetProperty("paymentRequestId").GetGuid());
        Assert.Equal("HardshipLiving", request.GetProperty("purpose").GetString());
        Assert.Equal(3_000m, request.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_request_id_is_a_retry_key_never_the_grant_id_and_two_files_never_share_a_grant()
    {
        var (first, second) = (await _hardship.FileAsync("gulou"), await _hardship.FileAsync("gulou"));
        var key = Guid.NewGuid();
        var a = await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{first.Id}/grants", new GrantAid(key, AidType.Employment, 100m, null, null)));
        var b = await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{second.Id}/grants", new GrantAid(key, AidType.Employment, 100m, null, null)));
        Assert.NotEqual(key, a.Id);
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal((first.Id, second.Id), (a.FileId, b.FileId));
    }

    [Fact]
    public async Task Yearly_caps_count_the_household_across_files_so_exit_and_reapply_resets_nothing()
    {
        var first = await _hardship.FileAsync("gulou");
        await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{first.Id}/grants", new GrantAid(null, AidType.Living, 11_000m, null, null)));
        await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{first.Id}/exit", new ExitFile(ExitReason.OutOfHardship, null)));
        var second = await _hardship.FileAsync("gulou", memberId: first.MemberId);
        var over = await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{second.Id}/grants", new GrantAid(null, AidType.Living, 1_000.01m, null, null));
        Assert.Contains("1000.00 remains", (await Hardship.Problem(over, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_retried_grant_with_the_same_request_id_is_made_and_requested_once()
    {
        var file = await _hardship.FileAsync("gulou");
        var body = new GrantAid(Guid.NewGuid(), AidType.Employment, 500m, null, null);
        var first = await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", body));
        var again = await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Id, (await Hardship.Read<GrantView>(again)).Id);
        Assert.Single(await app.OutboxAsync("PaymentRequested", first.Id));
        Assert.Single(await Hardship.Read<List<GrantView>>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}/grants")));
    }

    [Fact]
    public async Task The_yearly_living_cap_of_a_deep_household_is_twelve_months_of_the_allowance()
    {
        var file = await _hardship.FileAsync("gulou");
        await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", new GrantAid(null, AidType.Living, 11_000m, null, null)));
        var over = await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", new GrantAid(null, AidType.Living, 1_000.01m, null, null));
        var problem = await Hardship.Problem(over, HttpStatusCode.Conflict);
        Assert.Contains("1000.00 remains", problem.GetProperty("detail").GetString());
        await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", new GrantAid(null, AidType.Living, 1_000m, null, null)));
    }

    [Fact]
    public async Task The_caps_say_what_the_household_may_still_be_granted_this_year()
    {
        var file = await _hardship.FileAsync("gulou");
        await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", new GrantAid(null, AidType.Living, 11_000m, null, null)));
        await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", new GrantAid(null, AidType.Medical, 500m, 800m, null)));

        var caps = await Hardship.Read<List<AidCapView>>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}/grants/caps"));
        var living = caps.Single(c => c.Type == AidType.Living);
        Assert.Equal((12_000m, 11_000m, 1_000m), (living.Cap!.Value, living.Granted, living.Remaining!.Value)); // a deep household: 12 × 1,000
        var medical = caps.Single(c => c.Type == AidType.Medical);
        Assert.Equal((20_000m, 500m, 19_500m), (medical.Cap!.Value, medical.Granted, medical.Remaining!.Value));
        Assert.Null(caps.Single(c => c.Type == AidType.Employment).Cap);
        Assert.Equal(2, caps.Count(c => c.Type == AidType.Study));
    }

    [Fact]
    public async Task Concurrent_grants_cannot_both_squeeze_under_the_cap()
    {
        var file = await _hardship.FileAsync("gulou");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            app.Admin().PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants", new GrantAid(null, AidType.Living, 5_000m, null, null))));
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created)); // 2 × 5,000 ≤ 12,000 < 3 × 5,000
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Aid_needs_a_filed_file_and_valid_input()
    {
        var notice = await _hardship.FileAsync("gulou", FileState.PublicNotice);
        var problem = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{notice.Id}/grants",
            new GrantAid(null, AidType.Employment, 100m, null, null)), HttpStatusCode.Conflict);
        Assert.Equal("PublicNotice", problem.GetProperty("currentState").GetString());

        var filed = await _hardship.FileAsync("gulou");
        var bad = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{filed.Id}/grants",
            new GrantAid(Guid.Empty, AidType.Medical, -1m, null, null)), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "requestId", "amount", "outOfPocketCost" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), $"{field} is named");
        var study = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{filed.Id}/grants",
            new GrantAid(null, AidType.Study, 100m, null, null)), HttpStatusCode.BadRequest);
        Assert.True(study.GetProperty("errors").TryGetProperty("studyLevel", out _));
        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{filed.Id}/grants",
            new GrantAid(null, AidType.Medical, 500m, 400m, null)), HttpStatusCode.Conflict);
        await Hardship.Problem(await app.ClientAs("district-staff", "jiangbei").PostAsJsonAsync($"/api/hardship-files/{filed.Id}/grants",
            new GrantAid(null, AidType.Employment, 100m, null, null)), HttpStatusCode.NotFound);
        await Hardship.Problem(await app.ClientAs("auditor").PostAsJsonAsync($"/api/hardship-files/{filed.Id}/grants",
            new GrantAid(null, AidType.Employment, 100m, null, null)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Temporary_relief_without_a_file_is_capped_at_three_thousand_a_year()
    {
        var member = await _hardship.MemberAsync("gulou");
        var first = await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync("/api/aid-grants/temporary-relief", new GrantTemporaryRelief(null, member, 2_000m)));
        Assert.Null(first.FileId);
        Assert.Equal("TemporaryRelief", Assert.Single(await app.OutboxAsync("PaymentRequested", first.Id)).GetProperty("purpose").GetString());
        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/aid-grants/temporary-relief", new GrantTemporaryRelief(null, member, 1_000.01m)), HttpStatusCode.Conflict);
        await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync("/api/aid-grants/temporary-relief", new GrantTemporaryRelief(null, member, 1_000m)));
        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/aid-grants/temporary-relief", new GrantTemporaryRelief(null, Guid.NewGuid(), 10m)), HttpStatusCode.NotFound);
        await Hardship.Problem(await app.ClientAs("district-staff", "jiangbei").GetAsync($"/api/aid-grants/{first.Id}"), HttpStatusCode.NotFound);
    }
}
