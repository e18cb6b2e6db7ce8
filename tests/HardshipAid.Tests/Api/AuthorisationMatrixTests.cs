using System.Net.Http.Json;
using System.Net;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;

namespace UnionPlatform.HardshipAid.Tests.Api;

/// <summary>Role × district: who may read and change a gulou file, for every role and both districts.</summary>
public class AuthorisationMatrixTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);
    private static int _futureDay;

    public static TheoryData<string, string?, HttpStatusCode, HttpStatusCode> Matrix => RoleMatrix.Cases;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_sees_and_changes_only_what_it_may(string role, string? district, HttpStatusCode read, HttpStatusCode write)
    {
        var file = await _hardship.FileAsync("gulou", FileState.Draft);
        var client = app.ClientAs(role, district);

        Assert.Equal(read, (await client.GetAsync($"/api/hardship-files/{file.Id}")).StatusCode);
        Assert.Equal(read, (await client.GetAsync($"/api/hardship-files/{file.Id}/grants")).StatusCode);
        Assert.Equal(write, (await client.PostAsync($"/api/hardship-files/{file.Id}/submit", null)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Opening_a_file_for_a_gulou_member_follows_the_matrix(string role, string? district, HttpStatusCode _, HttpStatusCode write)
    {
        var member = await _hardship.MemberAsync("gulou");
        var response = await app.ClientAs(role, district).PostAsJsonAsync("/api/hardship-files",
            new OpenFile(member, 2, 10_000m, 0m, [HardshipCause.Unemployment]));
        Assert.Equal(write == HttpStatusCode.OK ? HttpStatusCode.Created : write, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Lists_show_district_staff_only_their_district(string role, string? district, HttpStatusCode read, HttpStatusCode _)
    {
        await _hardship.FileAsync("gulou", FileState.Draft);
        await _hardship.FileAsync("jiangbei", FileState.Draft);

        var response = await app.ClientAs(role, district).GetAsync("/api/hardship-files?pageSize=200");
        if (read == HttpStatusCode.Forbidden) { Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); return; }
        var page = await Hardship.Read<Paged<FileView>>(response);
        if (district is not null) Assert.All(page.Items, f => Assert.Equal(district, f.DistrictId));
        else Assert.Contains(page.Items, f => f.DistrictId == "jiangbei");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_city_admins_publish_allowance_standards(string role, string? district, HttpStatusCode read, HttpStatusCode _)
    {
        var response = await app.ClientAs(role, district).PostAsJsonAsync("/api/allowances",
            new PublishAllowance("gulou", 1_100m, new DateOnly(2030, 1, 1).AddDays(Interlocked.Increment(ref _futureDay))));
        Assert.Equal(role == UnionRoles.CityAdmin ? HttpStatusCode.Created : HttpStatusCode.Forbidden, response.StatusCode);
        // Reading the standards is open to every reader; district staff see their district's.
        var list = await app.ClientAs(role, district).GetAsync("/api/allowances");
        Assert.Equal(read == HttpStatusCode.Forbidden ? HttpStatusCode.Forbidden : HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task No_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/hardship-files")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/alive")).StatusCode);
    }
}
