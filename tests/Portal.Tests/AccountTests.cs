using Microsoft.Playwright;
using UnionPlatform.Portal.Tests.Support;
using UnionPlatform.Testing.PlatformHost;
using static Microsoft.Playwright.Assertions;

namespace UnionPlatform.Portal.Tests;

/// <summary>The identity service's administration as pages, for city admins only.</summary>
[Collection(PortalCollection.Name)]
public sealed class AccountTests(Platform platform, Browser browser)
{
    static AccountTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task A_city_admin_creates_an_account_sees_its_temporary_password_once_and_disables_it()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("city-admin", "/accounts");
        var page = person.Page;
        await Expect(page.Locator("[data-testid=accounts] tbody tr").First).ToBeVisibleAsync();
        await Evidence.AssertAccessibleAsync(page, "accounts");
        await Evidence.ScreenshotAsync(page, "accounts");

        var userName = $"taiping-clerk-{Random.Shared.Next(100_000)}";
        await PortalForms.FillAsync(page, "userName", userName);
        await PortalForms.FillAsync(page, "displayName", "太平县工会干事");
        await page.Locator("[data-testid=role]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "区工会工作人员" }).ClickAsync();
        await page.Locator("[data-testid=district]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "太平县" }).ClickAsync();
        await page.Locator("[data-testid=create]").ClickAsync();
        await Expect(page.Locator("[data-testid=temporary-password] [data-testid=password]")).Not.ToBeEmptyAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = userName }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(userName);
        await page.Locator("[data-testid=disable]").ClickAsync();
        await Expect(page.Locator("[data-testid=account-state]")).ToContainTextAsync("已停用");
        await Expect(page.Locator("[data-testid=enable]")).ToBeVisibleAsync();
        await Evidence.AssertAccessibleAsync(page, "account");
        await Evidence.ScreenshotAsync(page, "account");
    }

    [Fact]
    public async Task District_staff_are_not_offered_the_accounts_and_cannot_open_them()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("linjiang-staff");
        await Expect(person.Page.GetByRole(AriaRole.Link, new() { Name = "账号管理" })).ToHaveCountAsync(0);
        await person.Page.GotoAsync("/accounts");
        await person.WaitUntilInteractiveAsync();
        await Expect(person.Page.Locator("[data-testid=denied]")).ToBeVisibleAsync();
    }
}
