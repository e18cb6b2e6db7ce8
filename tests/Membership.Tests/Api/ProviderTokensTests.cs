using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.Testing;
using UnionPlatform.Testing.Endpoints;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Membership.Tests.Api;

/// <summary>A service set to the provider (Auth:Authority) takes its tokens, and nothing signed by anyone else.</summary>
public sealed class ProviderTokensTests(ProviderAndMembership apps) : IClassFixture<ProviderAndMembership>
{
    private HttpClient Membership(string token)
    {
        var client = apps.Membership.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<string> AccessTokenAsync(string role, string? district) => apps.Provider.AccessTokenAsync(role, district);

    /// <summary>The generated role × district matrix over every endpoint, each role holding a token of the provider.</summary>
    [Fact]
    public async Task Every_endpoint_follows_the_role_and_district_rule_with_the_providers_tokens()
    {
        var token = await apps.Provider.MatrixTokensAsync();
        using var admin = Membership(token([UnionRoles.CityAdmin], null));
        var gulou = await GulouRecords.CreateAsync(admin);
        var endpoints = await EndpointCatalog.DiscoverAsync(apps.Membership.Services, admin);
        Assert.True(endpoints.Count >= 30, $"{endpoints.Count} endpoints found");

        var failures = await AccessMatrix.CheckAsync(endpoints, apps.Membership.CreateClient,
            (roles, district) => Membership(token(roles, district)), gulou.RouteValue);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_token_from_the_provider_is_accepted_with_its_role_and_district()
    {
        using var staff = Membership(await AccessTokenAsync(UnionRoles.DistrictStaff, "gulou"));
        using var response = await staff.GetAsync("api/coverage");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("jiangbei", await response.Content.ReadAsStringAsync()); // scoped to the token's district
    }

    [Fact]
    public async Task An_auditor_reads_and_may_not_write()
    {
        using var auditor = Membership(await AccessTokenAsync(UnionRoles.Auditor, null));
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("api/coverage")).StatusCode);
        using var write = await auditor.PostAsync("api/enterprises", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task An_agency_token_reaches_no_internal_api()
    {
        var agency = await apps.Provider.Agency().TokenAsync(new() { ["grant_type"] = "client_credentials" });
        using var client = Membership(agency.Tokens!.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/coverage")).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_a_foreign_key_or_the_development_key_is_refused()
    {
        var genuine = await AccessTokenAsync(UnionRoles.Auditor, null);
        var payload = Jwt.Payload(genuine);
        using var foreignKey = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = payload.GetProperty("iss").GetString(),
            Audience = payload.GetProperty("aud").GetString(),
            Subject = new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("role", UnionRoles.CityAdmin)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(foreignKey) { KeyId = "foreign" }, SecurityAlgorithms.RsaSha256),
        });
        using var withForged = Membership(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withForged.GetAsync("api/coverage")).StatusCode);

        using var withDevToken = Membership(apps.Membership.Admin().DefaultRequestHeaders.Authorization!.Parameter!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withDevToken.GetAsync("api/coverage")).StatusCode);

        using var withGenuine = Membership(genuine);
        Assert.Equal(HttpStatusCode.OK, (await withGenuine.GetAsync("api/coverage")).StatusCode);
    }
}
