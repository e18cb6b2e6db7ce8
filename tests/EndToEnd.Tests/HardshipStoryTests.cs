using UnionPlatform.Testing.PlatformHost;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnionPlatform.EndToEnd.Tests.Support;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.ServiceDefaults.Security;
using Xunit.Abstractions;

namespace UnionPlatform.EndToEnd.Tests;

/// <summary>
/// A worker's hardship story across two services through the gateway: they join a union (Membership), the join
/// reaches HardshipAid's eligibility view through the outbox and RabbitMQ, a file is opened, surveyed, checked,
/// noticed, given its signed consent form and filed, aid is granted and waits for Finance; when the worker withdraws, the file exits.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HardshipStoryTests(Platform platform, ITestOutputHelper output)
{
    private const string District = "gulou";
    private static readonly TimeSpan EventualTimeout = TimeSpan.FromSeconds(60);
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    [Fact]
    public async Task A_member_in_hardship_is_filed_granted_aid_and_exits_when_the_membership_ends()
    {
        using var gateway = platform.Client();
        using var staff = platform.Client(await platform.TokenAsync(UnionRoles.DistrictStaff, District));

        // A union of the demo city in the district, and a new worker who joins it.
        var seeded = await GatewayApi.EventuallyAsync(
            () => staff.GetAsync<Paged<MemberView>>($"/membership/api/members?districtId={District}&status=Active&pageSize=1"),
            page => page.Total > 0, "the demo city's members are listed", EventualTimeout);
        var unionId = seeded.Items[0].UnionId;
        var applied = await staff.PostAsync<MemberView>("/membership/api/members", new
        {
            nationalId = NationalId.Create("110101", new DateOnly(1978, 1, 1).AddDays(Random.Shared.Next(3650)), Random.Shared.Next(1000)),
            name = "周建国", phone = "13812345678", unionId,
        }, HttpStatusCode.Created);
        await staff.PostAsync<MemberView>($"/membership/api/members/{applied.Id}/approve", null, HttpStatusCode.OK);
        Step("worker joined");

        // HardshipAid learns of the join from the event: until then the member is unknown there (404).
        var file = await GatewayApi.EventuallyAsync(async () =>
            {
                using var response = await staff.PostAsJsonAsync("/hardship/api/hardship-files", new
                {
                    memberId = applied.Id, householdSize = 3, annualIncome = 27_000m, essentialCosts = 3_000m, causes = new[] { "Illness" },
                }, GatewayApi.Json);
                return response.StatusCode == HttpStatusCode.Created ? await response.Content.ReadFromJsonAsync<JsonElement>(GatewayApi.Json) : (JsonElement?)null;
            }, f => f is not null, "the member can open a hardship file", EventualTimeout);
        var fileId = file!.Value.GetProperty("id").GetGuid();
        Step("file opened");

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        await staff.PostAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}/submit", null, HttpStatusCode.OK);
        await staff.PostAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}/survey", new { visitedOn = today }, HttpStatusCode.OK);
        var checkedFile = await staff.PostAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}/income-check",
            new { consentSignedOn = today, householdSize = 3, annualIncome = 27_000m, essentialCosts = 3_000m }, HttpStatusCode.OK);
        Assert.Equal("Deep", checkedFile.GetProperty("category").GetString()); // 666.67 a person a month, below the seeded 1,062
        await staff.PostAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}/public-notice", null, HttpStatusCode.OK);
        // Not filed without the household's signed consent form, which is uploaded to the file through the gateway and read back.
        await staff.PostAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}/file", null, HttpStatusCode.Conflict);
        var consentForm = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% signed consent, file {fileId}\n%%EOF\n"); // the store reads the type from "%PDF-"
        var part = new ByteArrayContent(consentForm);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        using (var uploaded = await staff.PostAsync($"/hardship/api/hardship-files/{fileId}/documents?kind=Consent",
                   new MultipartFormDataContent { { part, "file", "授权书.pdf" } }))
            Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var documents = await staff.GetAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}/documents");
        var consentId = Assert.Single(documents.EnumerateArray()).GetProperty("id").GetGuid();
        Assert.Equal(consentForm, await staff.GetByteArrayAsync($"/hardship/api/hardship-files/{fileId}/documents/{consentId}"));
        var filed = await staff.PostAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}/file", null, HttpStatusCode.OK);
        Assert.Equal("Filed", filed.GetProperty("state").GetString());
        Step("file filed");

        var grant = await staff.PostAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}/grants",
            new { type = "Living", amount = 1_062m }, HttpStatusCode.Created);
        Assert.Equal("Pending", grant.GetProperty("status").GetString()); // no Finance service yet: the request waits
        Step("aid granted, payment requested");

        // The worker withdraws in Membership; HardshipAid closes the file with the reason.
        await staff.PostAsync<MemberView>($"/membership/api/members/{applied.Id}/withdraw", new { reason = "Voluntary" }, HttpStatusCode.OK);
        var exited = await GatewayApi.EventuallyAsync(() => staff.GetAsync<JsonElement>($"/hardship/api/hardship-files/{fileId}"),
            f => f.GetProperty("state").GetString() == "Exited", "the file exits after the withdrawal", EventualTimeout);
        Assert.Equal("MembershipEnded", exited.GetProperty("exitReason").GetString());
        Step("membership ended, file exited");

        // Another district's staff cannot tell the file exists.
        using var other = platform.Client(await platform.TokenAsync(UnionRoles.DistrictStaff, "jiangbei"));
        using var hidden = await other.GetAsync($"/hardship/api/hardship-files/{fileId}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    private void Step(string what) => output.WriteLine($"{_watch.Elapsed.TotalSeconds,6:F1} s  {what}");
}
