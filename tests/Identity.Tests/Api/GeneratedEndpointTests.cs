using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;
using UnionPlatform.Testing.Endpoints;

namespace UnionPlatform.Identity.Tests.Api;

/// <summary>
/// The generated role × district matrix and fuzz test over the provider's API, with real tokens: each role signs in
/// through the pages (the agency by client credentials). District staff without a district cannot exist here (the
/// database refuses the account), so that one token is signed with the provider's own key, as a forgery that got
/// hold of it would be: the API must still refuse it.
/// </summary>
public sealed class GeneratedEndpointTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private Guid _gulouStaff;

    private JsonNode? Sample(string field) => field switch
    {
        "userName" => $"fuzz-{Guid.NewGuid():N}"[..16],
        "displayName" => "张三",
        "role" => UnionRoles.DistrictStaff,
        "district" => RoleMatrix.RecordDistrict,
        _ => null,
    };

    private string Records(ApiEndpoint endpoint, string parameter) => parameter == "id"
        ? _gulouStaff.ToString()
        : throw new InvalidOperationException($"No record for {{{parameter}}} in {endpoint}.");

    private async Task<IReadOnlyList<ApiEndpoint>> ApiEndpointsAsync(HttpClient admin)
    {
        _gulouStaff = (await app.AccountAsync(UnionRoles.DistrictStaff, RoleMatrix.RecordDistrict)).Id;
        return (await EndpointCatalog.DiscoverAsync(app.Services, admin)).Where(e => e.Route.StartsWith("/api/", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task Every_endpoint_follows_the_role_rule_with_real_tokens()
    {
        using var admin = await app.AdminApiAsync();
        var endpoints = await ApiEndpointsAsync(admin);
        Assert.True(endpoints.Count >= 7, $"{endpoints.Count} endpoints found");
        var token = await app.MatrixTokensAsync();

        var failures = await AccessMatrix.CheckAsync(endpoints, app.CreateClient, (roles, district) =>
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token(roles, district));
            return client;
        }, Records);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task No_input_gives_a_5xx_and_every_refusal_is_a_problem_details()
    {
        using var admin = await app.AdminApiAsync();
        var endpoints = await ApiEndpointsAsync(admin);
        var failures = await EndpointFuzzer.FuzzAsync(admin, endpoints, Records, Sample);
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers:\n" + string.Join("\n", failures.Take(60)));
    }
}
