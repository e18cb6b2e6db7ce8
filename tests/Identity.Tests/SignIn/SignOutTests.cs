using System.Net;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Identity.Tests.SignIn;

public sealed class SignOutTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    [Fact]
    public async Task Signing_out_ends_the_session_and_revokes_its_refresh_tokens()
    {
        var account = await app.AccountAsync(UnionRoles.DistrictStaff, "gulou");
        using var browser = app.Browser();
        var client = new SignInClient(browser, IdentityApp.ClientId, IdentityApp.RedirectUri);
        var tokens = (await client.SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password)))!;

        using var signOut = await browser.GetAsync(
            $"connect/endsession?client_id={IdentityApp.ClientId}&post_logout_redirect_uri={Uri.EscapeDataString("http://localhost/signed-out")}");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("http://localhost/signed-out", signOut.Headers.Location!.GetLeftPart(UriPartial.Path));

        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
        using var again = await browser.GetAsync(client.AuthorizeUrl); // the same browser must sign in again
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/account/login", new Uri(browser.BaseAddress!, again.Headers.Location!).AbsolutePath);
    }
}
