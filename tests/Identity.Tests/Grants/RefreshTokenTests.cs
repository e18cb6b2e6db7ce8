using System.Net;
using System.Net.Http.Json;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Identity.Tests.Grants;

public sealed class RefreshTokenTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private async Task<(SignInClient Client, Tokens Tokens, Guid AccountId)> SignedInAsync(string role = UnionRoles.DistrictStaff, string? district = "gulou")
    {
        var account = await app.AccountAsync(role, district);
        var client = app.SignIn();
        return (client, (await client.SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password)))!, account.Id);
    }

    [Fact]
    public async Task Each_refresh_rotates_the_refresh_token()
    {
        var (client, first, _) = await SignedInAsync();
        var second = await client.RefreshAsync(first.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(first.RefreshToken, second.Tokens!.RefreshToken);
        Assert.Equal("gulou", Jwt.Claim(second.Tokens.AccessToken, "district"));
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(second.Tokens.RefreshToken!)).Status);
    }

    [Fact]
    public async Task A_refresh_token_used_twice_revokes_the_whole_chain()
    {
        var (client, first, _) = await SignedInAsync();
        var second = (await client.RefreshAsync(first.RefreshToken!)).Tokens!;

        var replay = await client.RefreshAsync(first.RefreshToken!); // a stolen copy, used after the owner
        Assert.Equal("invalid_grant", replay.Error);
        var owner = await client.RefreshAsync(second.RefreshToken!); // and the owner's current token dies with it
        Assert.Equal("invalid_grant", owner.Error);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_at_once_even_with_a_valid_refresh_token()
    {
        var (client, tokens, accountId) = await SignedInAsync();
        using var admin = await app.AdminApiAsync();
        (await admin.PostAsync($"api/accounts/{accountId}/disable", null)).EnsureSuccessStatusCode();

        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.Status);
        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task A_changed_role_reaches_the_next_access_token()
    {
        var (client, tokens, accountId) = await SignedInAsync();
        using var admin = await app.AdminApiAsync();
        (await admin.PutAsJsonAsync($"api/accounts/{accountId}/role", new { role = UnionRoles.DistrictStaff, district = "jiangbei" })).EnsureSuccessStatusCode();
        var refreshed = (await client.RefreshAsync(tokens.RefreshToken!)).Tokens!;
        Assert.Equal("jiangbei", Jwt.Claim(refreshed.AccessToken, "district"));
    }

    [Fact]
    public async Task An_agency_gets_a_client_credentials_token_with_the_agency_role_and_no_refresh_token()
    {
        var agency = await app.Agency().TokenAsync(new() { ["grant_type"] = "client_credentials" });
        Assert.Equal(HttpStatusCode.OK, agency.Status);
        Assert.Equal(UnionRoles.Agency, Jwt.Claim(agency.Tokens!.AccessToken, "role"));
        Assert.Equal(IdentityApp.AgencyId, Jwt.Claim(agency.Tokens.AccessToken, "sub"));
        Assert.Null(agency.Tokens.RefreshToken);

        var wrongSecret = await new SignInClient(app.Browser(), IdentityApp.AgencyId, IdentityApp.RedirectUri, "not-the-secret")
            .TokenAsync(new() { ["grant_type"] = "client_credentials" });
        Assert.Equal("invalid_client", wrongSecret.Error);
    }
}
