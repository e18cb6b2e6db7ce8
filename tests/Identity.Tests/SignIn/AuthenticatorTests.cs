using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;
using Microsoft.EntityFrameworkCore;

namespace UnionPlatform.Identity.Tests.SignIn;

/// <summary>City admins act city-wide: a password is not enough, an authenticator app's code is required too.</summary>
public sealed class AuthenticatorTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    [Fact]
    public async Task A_city_admin_enrols_an_authenticator_at_first_sign_in_and_gives_a_code_every_time_after()
    {
        var admin = await app.AccountAsync(UnionRoles.CityAdmin);
        var person = new SignInClient.Person(admin.UserName!, IdentityApp.Password);

        var first = app.SignIn();
        var tokens = await first.SignInAsync(person);
        Assert.NotNull(tokens);
        Assert.Equal(["/account/login", "/account/authenticator"], first.PagesSeen);
        Assert.NotNull(first.AuthenticatorKey);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(a => a.Id == admin.Id).Select(a => a.TwoFactorEnabled).SingleAsync()));

        var second = app.SignIn();
        second.AuthenticatorKey = first.AuthenticatorKey;
        Assert.NotNull(await second.SignInAsync(person));
        Assert.Equal(["/account/login", "/account/code"], second.PagesSeen);
    }

    [Fact]
    public async Task A_wrong_code_issues_nothing()
    {
        var admin = await app.AccountAsync(UnionRoles.CityAdmin);
        var person = new SignInClient.Person(admin.UserName!, IdentityApp.Password);
        var enrol = app.SignIn();
        Assert.NotNull(await enrol.SignInAsync(person));

        var wrong = app.SignIn();
        wrong.AuthenticatorKey = "JBSWY3DPEHPK3PXP"; // another app's key: its codes are wrong here
        Assert.Null(await wrong.SignInAsync(person));
        Assert.Equal("/account/code", wrong.PagesSeen[^1]);
        Assert.Contains("动态口令不正确", wrong.LastPage);
    }

    [Fact]
    public async Task The_password_alone_gives_a_city_admin_no_session()
    {
        var admin = await app.AccountAsync(UnionRoles.CityAdmin);
        using var browser = app.Browser();
        var client = new SignInClient(browser, IdentityApp.ClientId, IdentityApp.RedirectUri) { StopAt = "/account/authenticator" };
        Assert.Null(await client.SignInAsync(new SignInClient.Person(admin.UserName!, IdentityApp.Password)));

        // The same authorization request again, from the same browser: still sent to sign in, no code.
        using var again = await browser.GetAsync(client.AuthorizeUrl);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/account/login", new Uri(browser.BaseAddress!, again.Headers.Location!).AbsolutePath);
    }
}
