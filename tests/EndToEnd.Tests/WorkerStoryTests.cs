using UnionPlatform.Testing.PlatformHost;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Text;
using UnionPlatform.EndToEnd.Tests.Support;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.ServiceDefaults.Security;
using Xunit.Abstractions;

namespace UnionPlatform.EndToEnd.Tests;

/// <summary>
/// A worker's story through the gateway, against the whole platform the AppHost starts: the demo city is there, a
/// new enterprise gets a grassroots union, the worker joins it, and the district's coverage counts them once the
/// member event has gone through the outbox, RabbitMQ and the coverage projection.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WorkerStoryTests(Platform platform, ITestOutputHelper output)
{
    private const string District = "gulou";
    private const string OtherDistrict = "jiangbei";
    private const int Headcount = 120;

    /// <summary>The event round trip takes well under a second on a quiet machine; a loaded one gets room.</summary>
    private static readonly TimeSpan EventualTimeout = TimeSpan.FromSeconds(60);

    private readonly Stopwatch _watch = Stopwatch.StartNew();

    [Fact]
    public async Task A_worker_joins_a_new_grassroots_union_and_the_district_coverage_counts_them()
    {
        using var gateway = platform.Client();
        using var admin = platform.Client(await platform.TokenAsync(UnionRoles.CityAdmin));

        // The demo city is loaded: the city federation and, under it, the district federations.
        var districts = await GatewayApi.EventuallyAsync(
            () => admin.GetAsync<Paged<OrganisationView>>("/membership/api/organisations?kind=District&pageSize=200"),
            page => page.Total > 0, "the demo city's district federations are listed", EventualTimeout);
        var city = Assert.Single((await admin.GetAsync<Paged<OrganisationView>>("/membership/api/organisations?kind=City")).Items);
        Assert.Equal("city", city.DistrictId);
        var federation = Assert.Single(districts.Items, o => o.DistrictId == District);
        Assert.Equal(city.Id, federation.ParentId);
        Assert.Contains(districts.Items, o => o.DistrictId == OtherDistrict);
        var before = await admin.GetAsync<CoverageReport>("/membership/api/coverage");
        Step("demo city listed");

        // A new enterprise in the district, and its grassroots union under the district federation.
        var enterprise = await admin.PostAsync<EnterpriseView>("/membership/api/enterprises", new
        {
            creditCode = NewCreditCode(), name = $"江州端到端测试{Guid.NewGuid():N}"[..16] + "有限公司", districtId = District,
            industry = "Manufacturing", headcount = Headcount,
        }, HttpStatusCode.Created);
        var proposed = await admin.PostAsync<OrganisationView>("/membership/api/organisations", new
        {
            name = $"{enterprise.Name}工会", kind = "Grassroots", parentId = federation.Id, districtId = District, termYears = 3,
        }, HttpStatusCode.Created);
        Assert.Equal("Preparing", proposed.State);
        var union = await admin.PostAsync<OrganisationView>($"/membership/api/organisations/{proposed.Id}/approve",
            new { coveredEnterpriseIds = new[] { enterprise.Id } }, HttpStatusCode.OK);
        Assert.Equal("Approved", union.State);
        Assert.Equal(union.Id, (await admin.GetAsync<EnterpriseView>($"/membership/api/enterprises/{enterprise.Id}")).UnionId);
        Step("enterprise registered, union approved");

        // The worker applies and is approved; the member is there at once.
        var nationalId = NewNationalId();
        var applied = await admin.PostAsync<MemberView>("/membership/api/members", new
        {
            nationalId, name = "林晓梅", phone = "13912345678", unionId = union.Id, enterpriseId = enterprise.Id,
        }, HttpStatusCode.Created);
        Assert.Equal("Applied", applied.Status);
        var approved = await admin.PostAsync<MemberView>($"/membership/api/members/{applied.Id}/approve", null, HttpStatusCode.OK);
        Assert.Equal("Active", approved.Status);

        var member = await admin.GetAsync<MemberView>($"/membership/api/members/{applied.Id}");
        Assert.Equal(("Active", District, union.Id, enterprise.Id), (member.Status, member.DistrictId, member.UnionId, member.EnterpriseId));
        Assert.Equal($"{nationalId[..6]}********{nationalId[14..]}", member.NationalIdMasked);
        Assert.NotNull(member.JoinedOn);
        Step("member applied, approved and read back");

        // Coverage: the enterprise and its union count at once (same transaction); the member once the event
        // has gone outbox → RabbitMQ → coverage projection.
        var after = await GatewayApi.EventuallyAsync(() => admin.GetAsync<CoverageReport>("/membership/api/coverage"),
            report => report.District(District).Members == before.District(District).Members + 1,
            $"coverage of {District} counts the new member", EventualTimeout);
        var (was, now) = (before.District(District), after.District(District));
        Assert.Equal(
            (was.Enterprises + 1, was.CoveredEnterprises + 1, was.Employees + Headcount, was.CoveredEmployees + Headcount),
            (now.Enterprises, now.CoveredEnterprises, now.Employees, now.CoveredEmployees));
        Assert.Equal(before.City!.Members + 1, after.City!.Members);
        Assert.Equal(before.District(OtherDistrict), after.District(OtherDistrict));
        Step("coverage counts the member");

        // District staff see their own district's member, and another district's staff cannot tell it exists.
        using var ownStaff = platform.Client(await platform.TokenAsync(UnionRoles.DistrictStaff, District));
        Assert.Equal(applied.Id, (await ownStaff.GetAsync<MemberView>($"/membership/api/members/{applied.Id}")).Id);
        using var otherStaff = platform.Client(await platform.TokenAsync(UnionRoles.DistrictStaff, OtherDistrict));
        using var hidden = await otherStaff.GetAsync($"/membership/api/members/{applied.Id}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Step("district scoping holds");
    }

    [Fact]
    public async Task The_gateway_passes_the_callers_identity_through_and_the_service_enforces_it()
    {
        using var gateway = platform.Client();
        using (var anonymous = await gateway.GetAsync("/membership/api/members"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var auditor = platform.Client(await platform.TokenAsync(UnionRoles.Auditor));
        Assert.True((await auditor.GetAsync<Paged<OrganisationView>>("/membership/api/organisations?pageSize=1")).Total > 0);
        using (var write = await auditor.PostAsync("/membership/api/enterprises", null))
            Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);

        // The auditor's genuine token, promoted to city admin by editing its payload: the signature no longer matches.
        using (var forged = platform.Client(Promoted(await platform.TokenAsync(UnionRoles.Auditor))))
        using (var response = await forged.GetAsync("/membership/api/members"))
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Step("401 anonymous and tampered, 403 auditor write");
    }

    private static string Promoted(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        Assert.Contains($"\"{UnionRoles.Auditor}\"", payload);
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace($"\"{UnionRoles.Auditor}\"", $"\"{UnionRoles.CityAdmin}\"")));
        return string.Join('.', parts);
    }

    private void Step(string what) => output.WriteLine($"{_watch.Elapsed.TotalSeconds,6:F1} s  {what}");

    /// <summary>Unique per run: area 110101 (Beijing), never the demo city's 3612xx.</summary>
    private static string NewCreditCode() =>
        SocialCreditCode.Create("91110101" + string.Concat(Guid.NewGuid().ToByteArray().Take(9).Select(b => (char)('0' + b % 10))));

    private static string NewNationalId() =>
        NationalId.Create("110101", new DateOnly(1985, 1, 1).AddDays(Random.Shared.Next(3650)), Random.Shared.Next(1000));
}
