using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UnionPlatform.Portal.Tests.Support;
using UnionPlatform.Testing.PlatformHost;
using static Microsoft.Playwright.Assertions;

namespace UnionPlatform.Portal.Tests;

/// <summary>Signing in and out through the provider's pages, and what each role then sees of coverage.</summary>
[Collection(PortalCollection.Name)]
public sealed class SignInTests(Platform platform, Browser browser)
{
    static SignInTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task District_staff_sign_in_and_see_only_their_district()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("gulou-staff");
        var page = person.Page;

        await Expect(page.Locator("h1")).ToHaveTextAsync("工会组织覆盖");
        await Expect(page.Locator("[data-testid=user]")).ToContainTextAsync("区工会工作人员");
        var rows = page.Locator("[data-testid=coverage-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("th")).ToHaveTextAsync("鼓楼区");
        // The drill-down: what would raise the district's rates.
        await Expect(page.Locator("[data-testid=coverage-gaps] h3").First).ToContainTextAsync("鼓楼区");
        await Expect(page.Locator("[data-testid=gaps-low] tbody tr").First).ToBeVisibleAsync();
        await Evidence.AssertAccessibleAsync(page, "home, district staff");
        await Evidence.ScreenshotAsync(page, "home-district-staff");

        await page.GetByRole(AriaRole.Link, new() { Name = "会员", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("会员");
        var members = page.Locator("[data-testid=members] tbody tr:has(td:nth-child(6))"); // rows of members, not "loading"
        await Expect(members.First).ToBeVisibleAsync();
        var districts = await members.Locator("td:nth-child(3)").AllInnerTextsAsync();
        Assert.NotEmpty(districts);
        Assert.All(districts, d => Assert.Equal("鼓楼区", d));
        await Evidence.AssertAccessibleAsync(page, "members, district staff");
        await Evidence.ScreenshotAsync(page, "members-district-staff");
    }

    [Fact]
    public async Task A_city_admin_signs_in_with_the_one_time_code_and_sees_the_city_and_every_district()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("city-admin");
        var page = person.Page;

        var rows = page.Locator("[data-testid=coverage-table] tbody tr");
        await Expect(rows).ToHaveCountAsync(11); // the city, then its ten districts
        await Expect(rows.First.Locator("th")).ToHaveTextAsync("全市");
        await Expect(page.Locator("[data-testid=worklist]")).ToContainTextAsync("待审批的入会申请");
        await Evidence.AssertAccessibleAsync(page, "home, city admin");
        await Evidence.ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task The_portal_speaks_Chinese_until_the_person_chooses_English()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("jiangbei-staff");
        var page = person.Page;
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await person.WaitUntilInteractiveAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Union coverage");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("[data-testid=coverage-table] thead")).ToContainTextAsync("Membership rate");
        await Evidence.AssertAccessibleAsync(page, "home, English");
        await Evidence.ScreenshotAsync(page, "home-english");

        await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await person.WaitUntilInteractiveAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("工会组织覆盖");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_provider_too()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("chengnan-staff");
        var page = person.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();
        await Evidence.AssertAccessibleAsync(page, "signed out");

        // Not silently signed in again: the provider asks for the password.
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new Regex("/identity/account/login"));
    }
}
