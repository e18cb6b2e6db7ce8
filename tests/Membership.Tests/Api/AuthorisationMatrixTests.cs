using System.Net.Http.Json;
using System.Net;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;

namespace UnionPlatform.Membership.Tests.Api;

/// <summary>Role × district: who may read and write a member of gulou, for every role and both districts.</summary>
public class AuthorisationMatrixTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    public static TheoryData<string, string?, HttpStatusCode, HttpStatusCode> Matrix => RoleMatrix.Cases;

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_sees_and_changes_only_what_it_may(string role, string? district, HttpStatusCode read, HttpStatusCode write)
    {
        var world = await World.CreateAsync(app.Admin(), "gulou", "jiangbei");
        var (union, _) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union);
        var client = app.ClientAs(role, district);

        Assert.Equal(read, (await client.GetAsync($"/api/members/{member.Id}")).StatusCode);
        Assert.Equal(read, (await client.GetAsync($"/api/members/{member.Id}/history")).StatusCode);
        Assert.Equal(write, (await client.PostAsJsonAsync($"/api/members/{member.Id}/retain", new RetainMember(UnionPlatform.Membership.Domain.RetentionReason.Retired))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Lists_show_district_staff_only_their_district(string role, string? district, HttpStatusCode read, HttpStatusCode _)
    {
        var world = await World.CreateAsync(app.Admin(), "gulou", "jiangbei");
        var (gulou, _) = await world.UnionAsync("gulou");
        var (jiangbei, _) = await world.UnionAsync("jiangbei");
        await world.ActiveMemberAsync(gulou);
        await world.ActiveMemberAsync(jiangbei);

        var response = await app.ClientAs(role, district).GetAsync("/api/members?pageSize=200");
        if (read == HttpStatusCode.Forbidden) { Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); return; }
        var page = await World.Read<Paged<MemberView>>(response);
        if (district is not null) Assert.All(page.Items, m => Assert.Equal(district, m.DistrictId));
        else Assert.Contains(page.Items, m => m.DistrictId == "jiangbei");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task The_same_matrix_holds_for_organisations_and_enterprises(string role, string? district, HttpStatusCode read, HttpStatusCode write)
    {
        var world = await World.CreateAsync(app.Admin(), "gulou", "jiangbei");
        var (union, enterprise) = await world.UnionAsync("gulou", headcount: 10);
        var client = app.ClientAs(role, district);

        Assert.Equal(read, (await client.GetAsync($"/api/organisations/{union}")).StatusCode);
        Assert.Equal(read, (await client.GetAsync($"/api/enterprises/{enterprise}")).StatusCode);
        Assert.Equal(write, (await client.PutAsJsonAsync($"/api/enterprises/{enterprise}/headcount", new ChangeHeadcount(12))).StatusCode);
        Assert.Equal(write, (await client.PostAsJsonAsync($"/api/organisations/{union}/committee", new SetCommittee(true))).StatusCode);
        var coverage = (await client.GetAsync("/api/coverage")).StatusCode;
        Assert.Equal(read == HttpStatusCode.NotFound ? HttpStatusCode.OK : read, coverage); // coverage is scoped, never 404
    }

    [Fact]
    public async Task District_staff_cannot_register_into_another_districts_union()
    {
        var world = await World.CreateAsync(app.Admin(), "gulou", "jiangbei");
        var (jiangbei, _) = await world.UnionAsync("jiangbei");
        var response = await app.ClientAs(UnionRoles.DistrictStaff, "gulou").PostAsJsonAsync("/api/members",
            new ApplyForMembership(World.NewNationalId(), "王芳", "13700137000", jiangbei, null));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task No_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/members")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/alive")).StatusCode);
    }
}
