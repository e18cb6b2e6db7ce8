using System.Net.Http.Json;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Identity.Tests.SignIn;

/// <summary>Security events are logged, and nothing secret is: every line the provider wrote is scanned.</summary>
public sealed class SecurityLogTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    [Fact]
    public async Task Sign_ins_failures_lockouts_and_admin_changes_are_logged_without_passwords_codes_or_tokens()
    {
        var secrets = new List<string>();
        const string typedAsUserName = "typed-a-password-in-the-name-field-1";
        Assert.Null(await app.SignIn().SignInAsync(new SignInClient.Person(typedAsUserName, "whatever-password-1")));
        secrets.AddRange([typedAsUserName, "whatever-password-1"]);

        var staff = await app.AccountAsync(UnionRoles.DistrictStaff, "gulou", mustChangePassword: true);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await app.SignIn().SignInAsync(new SignInClient.Person(staff.UserName!, $"wrong-secret-{i}x")));
            secrets.Add($"wrong-secret-{i}x");
        }

        var admin = await app.AccountAsync(UnionRoles.CityAdmin, mustChangePassword: true);
        var client = app.SignIn();
        var tokens = (await client.SignInAsync(new SignInClient.Person(admin.UserName!, IdentityApp.Password, NewPassword: "admins-new-secret-5")))!;
        var refreshed = (await client.RefreshAsync(tokens.RefreshToken!)).Tokens!;
        secrets.AddRange([IdentityApp.Password, "admins-new-secret-5", client.AuthorizeUrl!.Split("code_challenge=")[1].Split('&')[0],
            tokens.AccessToken, tokens.RefreshToken!, tokens.IdToken!, refreshed.AccessToken, refreshed.RefreshToken!,
            client.AuthenticatorKey!, Totp.Code(client.AuthenticatorKey!)]);

        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", refreshed.AccessToken);
        (await api.PostAsync($"api/accounts/{staff.Id}/disable", null)).EnsureSuccessStatusCode();
        var reset = await (await api.PostAsync($"api/accounts/{staff.Id}/password-reset", null)).Content.ReadFromJsonAsync<Identity.Api.TemporaryPassword>();
        secrets.Add(reset!.Password);

        var log = string.Join("\n", app.Log);
        Assert.Contains("Sign-in attempt with an unknown user name", log);
        Assert.Contains($"Sign-in step for account {staff.Id}: WrongPassword", log);
        Assert.Contains($"Sign-in step for account {staff.Id}: LockedOut", log);
        Assert.Contains($"Sign-in step for account {admin.Id}: PasswordChanged", log);
        Assert.Contains($"Sign-in step for account {admin.Id}: AuthenticatorEnrolled", log);
        Assert.Contains($"Sign-in step for account {admin.Id}: Succeeded", log);
        Assert.Contains($"Administrator {admin.Id} disabled account {staff.Id}", log);
        Assert.Contains($"Administrator {admin.Id} reset the password of account {staff.Id}", log);
        foreach (var secret in secrets)
            Assert.False(log.Contains(secret, StringComparison.Ordinal), $"the log contains a secret: {secret[..Math.Min(12, secret.Length)]}…");
    }
}
