using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.Portal.Tests.Support;
using UnionPlatform.Testing.PlatformHost;
using static Microsoft.Playwright.Assertions;

namespace UnionPlatform.Portal.Tests;

/// <summary>Members' workflows in the browser: registering an application, approving it, a refusal with its reason, read-only roles.</summary>
/// <remarks>Roles are spelled out: ServiceDefaults' UnionRoles reaches this assembly twice (the portal, the platform host).</remarks>
[Collection(PortalCollection.Name)]
public sealed class MemberTests(Platform platform, Browser browser)
{
    static MemberTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task District_staff_register_an_applicant_fixing_a_bad_field_then_approve_them()
    {
        var union = await PortalForms.ActiveGrassrootsUnionAsync(platform, "gulou");
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("gulou-staff", "/members/apply");
        var page = person.Page;
        await Expect(page.Locator("h1")).ToHaveTextAsync("登记入会申请");

        var nationalId = NationalId.Create("361202", new DateOnly(1990, 1, 1).AddDays(Random.Shared.Next(3650)), Random.Shared.Next(1000));
        await PortalForms.FillAsync(page, "nationalId", nationalId[..17] + (nationalId[17] == '1' ? '2' : '1')); // a wrong check character
        await PortalForms.FillAsync(page, "name", "林晓燕");
        await PortalForms.FillAsync(page, "phone", "13912345678");
        await PortalForms.PickUnionAsync(page, "所在工会", union.Name);
        await page.Locator("[data-testid=submit]").ClickAsync();

        // The service's 400 names the field; the form shows it at that field.
        var field = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("[data-testid=nationalId]") });
        await Expect(field.Locator(".mud-input-helper-text")).Not.ToBeEmptyAsync();
        await Evidence.AssertAccessibleAsync(page, "apply, a field refused");
        await Evidence.ScreenshotAsync(page, "apply-field-error");

        await PortalForms.FillAsync(page, "nationalId", nationalId);
        await page.Locator("[data-testid=submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=member-status]")).ToHaveTextAsync("待审批");

        await page.Locator("[data-action=approve]").ClickAsync();
        await page.Locator("[data-testid=confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=member-status]")).ToHaveTextAsync("在会");
        await Expect(page.Locator("[data-testid=history]")).ToContainTextAsync("批准入会");
        await Evidence.AssertAccessibleAsync(page, "member, approved");
        await Evidence.ScreenshotAsync(page, "member");

        // Refused by the service (not in arrears): its reason is on the page, and nothing changed.
        await page.Locator("[data-action=education]").ClickAsync();
        await page.Locator("[data-testid=confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=problem]")).ToContainTextAsync("arrears");
        await Expect(page.Locator("[data-testid=member-status]")).ToHaveTextAsync("在会");
        await Evidence.ScreenshotAsync(page, "member-refused");
    }

    [Fact]
    public async Task An_auditor_sees_no_write_button_and_the_api_refuses_a_forged_post()
    {
        var applicant = await ApplicantAsync("jiangbei");
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("auditor", $"/members/{applicant}");
        var page = person.Page;

        await Expect(page.Locator("[data-testid=member-status]")).ToHaveTextAsync("待审批");
        await Expect(page.Locator("[data-testid=member-actions]")).ToHaveCountAsync(0);
        await page.GotoAsync("/members");
        await person.WaitUntilInteractiveAsync();
        await Expect(page.Locator("[data-testid=members] tbody tr:has(td:nth-child(6))").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "登记入会申请" })).ToHaveCountAsync(0);

        // Hiding the button is not the protection: the auditor's own token is refused by the service.
        using var forged = platform.Client(await platform.TokenAsync("auditor"));
        using var response = await forged.PostAsync($"membership/api/members/{applicant}/approve", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var admin = platform.Client(await platform.TokenAsync("city-admin"));
        var member = await admin.GetFromJsonAsync<JsonElement>($"membership/api/members/{applicant}");
        Assert.Equal("Applied", member.GetProperty("status").GetString());
    }

    /// <summary>A new applicant in the district, registered through the API.</summary>
    private async Task<Guid> ApplicantAsync(string district)
    {
        var union = await PortalForms.ActiveGrassrootsUnionAsync(platform, district);
        using var client = platform.Client(await platform.TokenAsync("district-staff", district));
        var nationalId = NationalId.Create("361203", new DateOnly(1988, 1, 1).AddDays(Random.Shared.Next(3650)), Random.Shared.Next(1000));
        using var response = await client.PostAsJsonAsync("membership/api/members", new { nationalId, name = "周建国", phone = "13800001111", unionId = union.Id });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
