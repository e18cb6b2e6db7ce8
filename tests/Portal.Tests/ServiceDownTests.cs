using UnionPlatform.Portal.Tests.Support;
using UnionPlatform.Testing.PlatformHost;
using static Microsoft.Playwright.Assertions;

namespace UnionPlatform.Portal.Tests;

/// <summary>A service that is down: its pages say which one, show no stack trace, and recover when it is back.</summary>
[Collection(PortalCollection.Name)]
public sealed class ServiceDownTests(Platform platform, Browser browser)
{
    static ServiceDownTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task A_page_whose_service_is_down_names_that_service_and_shows_its_data_again_once_it_is_back()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("xincheng-staff", "/hardship-files");
        var page = person.Page;
        var rows = page.Locator("[data-testid=files] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();

        await using (await platform.StopResourceAsync("hardship", "hardship") /* ResourceNames.HardshipAid: the type reaches this assembly twice */)
        {
            await page.ReloadAsync();
            await person.WaitUntilInteractiveAsync();
            await Expect(page.Locator("[data-testid=service-unavailable]")).ToHaveTextAsync("“困难职工帮扶”服务暂时不可用，请稍后再试。");
            // What could not be loaded is never shown as empty.
            await Expect(page.Locator("[data-testid=files]")).ToContainTextAsync("未能加载");
            await Expect(page.Locator("[data-testid=overdue-empty]")).ToHaveCountAsync(0);
            foreach (var leak in new[] { "Exception", "   at ", "HttpRequestException", "502", "Bad Gateway" })
                await Expect(page.Locator(".mud-main-content")).Not.ToContainTextAsync(leak);
            // The rest of the portal works: Membership's pages answer.
            await page.Locator("a.mud-nav-link[href='members']").ClickAsync();
            await Expect(page.Locator("[data-testid=members] tbody tr").First).ToBeVisibleAsync();
            // The home page shows Membership's coverage and says HardshipAid's worklist counts are unavailable.
            await page.Locator("a.mud-nav-link[href='']").ClickAsync();
            await Expect(page.Locator("[data-testid=coverage-table] tbody tr").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=service-unavailable]")).ToContainTextAsync("困难职工帮扶");
            await page.Locator("a.mud-nav-link[href='hardship-files']").ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("困难职工档案");
            await Expect(page.Locator("[data-testid=service-unavailable]")).ToBeVisibleAsync();
            await Evidence.AssertAccessibleAsync(page, "hardship files, service down");
            await Evidence.ScreenshotAsync(page, "service-unavailable");
        }

        await page.ReloadAsync();
        await person.WaitUntilInteractiveAsync();
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=service-unavailable]")).ToHaveCountAsync(0);
    }
}
