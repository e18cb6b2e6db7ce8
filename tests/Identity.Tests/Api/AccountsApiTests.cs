using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnionPlatform.Identity.Api;
using UnionPlatform.Identity.Domain;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Identity.Tests.Api;

public sealed class AccountsApiTests(IdentityApp app) : IClassFixture<IdentityApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task An_administrator_creates_an_account_whose_temporary_password_must_be_changed_at_first_sign_in()
    {
        using var admin = await app.AdminApiAsync();
        var userName = $"gulou-{Guid.NewGuid():N}"[..16];
        using var response = await admin.PostAsJsonAsync("api/accounts", new { userName, displayName = "鼓楼区工作人员", role = UnionRoles.DistrictStaff, district = "gulou" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedAccount>(Json))!;
        Assert.True(created.Account.MustChangePassword);

        var client = app.SignIn();
        Assert.NotNull(await client.SignInAsync(new SignInClient.Person(userName, created.TemporaryPassword, NewPassword: "chosen-password-9")));
        Assert.Contains("/account/change-password", client.PagesSeen);

        var history = await admin.GetFromJsonAsync<List<SignInView>>($"api/accounts/{created.Account.Id}/sign-ins", Json);
        Assert.Equal([SignInOutcome.Succeeded, SignInOutcome.PasswordChanged], history!.Select(h => h.Outcome));
    }

    [Fact]
    public async Task A_reset_gives_a_temporary_password_lifts_a_lockout_and_requires_a_change()
    {
        var account = await app.AccountAsync(UnionRoles.Auditor);
        for (var i = 0; i < 5; i++) await app.SignIn().SignInAsync(new SignInClient.Person(account.UserName!, "wrong-password-0"));
        using var admin = await app.AdminApiAsync();
        var list = await admin.GetFromJsonAsync<List<AccountView>>("api/accounts", Json);
        Assert.NotNull(list!.Single(a => a.Id == account.Id).LockedOutUntil);

        var reset = (await (await admin.PostAsync($"api/accounts/{account.Id}/password-reset", null)).Content.ReadFromJsonAsync<TemporaryPassword>(Json))!;
        var client = app.SignIn();
        Assert.NotNull(await client.SignInAsync(new SignInClient.Person(account.UserName!, reset.Password, NewPassword: "after-reset-password-3")));
        Assert.Contains("/account/change-password", client.PagesSeen);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field()
    {
        using var admin = await app.AdminApiAsync();
        using var noDistrict = await admin.PostAsJsonAsync("api/accounts", new { userName = "no-district", displayName = "某人", role = UnionRoles.DistrictStaff });
        Assert.Equal(HttpStatusCode.BadRequest, noDistrict.StatusCode);
        Assert.Contains("\"district\"", await noDistrict.Content.ReadAsStringAsync());
        using var agency = await admin.PostAsJsonAsync("api/accounts", new { userName = "an-agency", displayName = "某局", role = UnionRoles.Agency });
        Assert.Contains("\"role\"", await agency.Content.ReadAsStringAsync());
        using var badName = await admin.PostAsJsonAsync("api/accounts", new { userName = "有 空格", displayName = "某人", role = UnionRoles.Auditor });
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("\"userName\"", await badName.Content.ReadAsStringAsync());
        var existing = await app.AccountAsync(UnionRoles.Auditor);
        using var duplicate = await admin.PostAsJsonAsync("api/accounts", new { userName = existing.UserName, displayName = "某人", role = UnionRoles.Auditor });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        using var missing = await admin.PostAsync($"api/accounts/{Guid.NewGuid()}/disable", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Only_a_city_admin_with_a_token_of_this_provider_may_administer()
    {
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/accounts")).StatusCode);

        var auditor = await app.AccountAsync(UnionRoles.Auditor);
        var tokens = await app.SignIn().SignInAsync(new SignInClient.Person(auditor.UserName!, IdentityApp.Password));
        using var asAuditor = app.CreateClient();
        asAuditor.DefaultRequestHeaders.Authorization = new("Bearer", tokens!.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await asAuditor.GetAsync("api/accounts")).StatusCode);

        using var devToken = app.CreateClient(); // a development token is no token here
        devToken.DefaultRequestHeaders.Authorization = new("Bearer", DevTokens.Issue(new AuthOptions { SigningKey = "a-development-key-that-is-long-enough-32" }, UnionRoles.CityAdmin, null));
        Assert.Equal(HttpStatusCode.Unauthorized, (await devToken.GetAsync("api/accounts")).StatusCode);
    }
}
