using System.Net;
using UnionPlatform.Identity.Server;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Identity.Tests.SignIn;

/// <summary>The authorization code flow with PKCE, end to end through the sign-in pages, on the real database.</summary>
public sealed class CodeFlowTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    [Fact]
    public async Task District_staff_sign_in_and_get_a_short_access_token_with_role_and_district()
    {
        var account = await app.AccountAsync(UnionRoles.DistrictStaff, "gulou");
        var client = app.SignIn();

        var tokens = await client.SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password));

        Assert.NotNull(tokens);
        Assert.Equal(["/account/login"], client.PagesSeen); // no forced change, no authenticator for district staff
        Assert.Equal(account.Id.ToString(), Jwt.Claim(tokens.AccessToken, "sub"));
        Assert.Equal(UnionRoles.DistrictStaff, Jwt.Claim(tokens.AccessToken, "role"));
        Assert.Equal("gulou", Jwt.Claim(tokens.AccessToken, "district"));
        Assert.Equal(ProviderSetup.Audience, Jwt.Claim(tokens.AccessToken, "aud"));
        Assert.Equal("http://localhost/", Jwt.Claim(tokens.AccessToken, "iss"));
        Assert.Null(Jwt.Claim(tokens.AccessToken, "name")); // the person's name stays out of what services receive
        Assert.Equal("测试工作人员", Jwt.Claim(tokens.IdToken!, "name"));
        Assert.InRange(tokens.ExpiresIn, 1, (int)ProviderSetup.AccessTokenLifetime.TotalSeconds);
        Assert.NotNull(tokens.RefreshToken);
    }

    [Fact]
    public async Task A_new_account_chooses_its_own_password_before_anything_else()
    {
        var account = await app.AccountAsync(UnionRoles.Auditor, mustChangePassword: true);
        var client = app.SignIn();

        var tokens = await client.SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password, NewPassword: "my-own-password-7"));

        Assert.NotNull(tokens);
        Assert.Contains("/account/change-password", client.PagesSeen);
        Assert.Equal(UnionRoles.Auditor, Jwt.Claim(tokens.AccessToken, "role"));
        // The next sign-in takes the new password and asks for no change.
        var again = app.SignIn();
        Assert.NotNull(await again.SignInAsync(new SignInClient.Person(account.UserName!, "my-own-password-7")));
        Assert.DoesNotContain("/account/change-password", again.PagesSeen);
        Assert.Null(await app.SignIn().SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password)));
    }

    [Fact]
    public async Task A_new_password_must_follow_the_policy_and_differ_from_the_old_one()
    {
        var account = await app.AccountAsync(UnionRoles.Auditor, mustChangePassword: true);
        foreach (var weak in new[] { "short1", IdentityApp.Password })
        {
            var client = app.SignIn();
            Assert.Null(await client.SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password, NewPassword: weak)));
            Assert.Equal("/account/change-password", client.PagesSeen[^1]);
        }
    }

    [Fact]
    public async Task A_wrong_password_shows_the_page_again_and_issues_nothing()
    {
        var account = await app.AccountAsync(UnionRoles.Auditor);
        var client = app.SignIn();
        Assert.Null(await client.SignInAsync(new SignInClient.Person(account.UserName!, "not-the-password-1")));
        Assert.Contains("用户名或密码不正确", client.LastPage);
    }

    [Fact]
    public async Task Without_pkce_the_authorization_request_is_refused()
    {
        using var browser = app.Browser();
        using var response = await browser.GetAsync(
            $"connect/authorize?client_id={IdentityApp.ClientId}&redirect_uri={Uri.EscapeDataString(IdentityApp.RedirectUri.ToString())}&response_type=code&scope=openid");
        // Refused outright: no sign-in page, no redirect carrying anything.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Discovery_and_the_key_set_are_published()
    {
        using var http = app.CreateClient();
        var discovery = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(".well-known/openid-configuration")).RootElement;
        Assert.Equal("http://localhost/", discovery.GetProperty("issuer").GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var jwks = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!).PathAndQuery.TrimStart('/'))).RootElement;
        Assert.Contains(jwks.GetProperty("keys").EnumerateArray(), k => k.GetProperty("kty").GetString() == "RSA" && k.GetProperty("use").GetString() == "sig");
    }
}
