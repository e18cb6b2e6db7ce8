using Microsoft.Playwright;
using UnionPlatform.Portal.Tests.Support;
using UnionPlatform.Testing.PlatformHost;
using static Microsoft.Playwright.Assertions;

namespace UnionPlatform.Portal.Tests;

/// <summary>Every page of the portal, opened as district staff: it renders, passes the accessibility scan, and is photographed.</summary>
[Collection(PortalCollection.Name)]
public sealed class EveryPageTests(Platform platform, Browser browser)
{
    static EveryPageTests() => SetDefaultExpectTimeout(30_000);

    /// <summary>Path, what proves the page has its data, the screenshot's name.</summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "/", "[data-testid=coverage-table] tbody tr", "home-page" },
        { "/organisations", "[data-testid=organisation-tree] li", "organisations" },
        { "/enterprises", "[data-testid=enterprises] tbody tr:has(td:nth-child(6))", "enterprises" },
        { "/enterprises?covered=false", "[data-testid=enterprises] tbody tr", "enterprises-filtered" },
        { "/members", "[data-testid=members] tbody tr:has(td:nth-child(6))", "members" },
        { "/members/apply", "[data-testid=submit]", "apply" },
        { "/roster-import", "[data-testid=import]", "roster-import-page" },
        { "/hardship-files", "[data-testid=files] tbody tr", "hardship-files" },
        { "/hardship-statistics", "[data-testid=statistics] tbody tr", "hardship-statistics" },
        { "/account/denied", "[data-testid=denied]", "denied" },
        { "/account/signed-out", "[data-testid=signed-out]", "signed-out" },
        { "/no-such-page", "h1", "not-found" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_renders_its_data_and_passes_the_accessibility_scan(string path, string content, string name)
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("xincheng-staff");
        await person.Page.GotoAsync(path);
        await person.WaitUntilInteractiveAsync();
        await Expect(person.Page.Locator(content).First).ToBeVisibleAsync();
        await Evidence.AssertAccessibleAsync(person.Page, name);
        await Evidence.ScreenshotAsync(person.Page, name);
    }

    [Fact]
    public async Task A_union_opened_in_the_tree_shows_its_details()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("xincheng-staff", "/organisations");
        var tree = person.Page.Locator("[data-testid=organisation-tree]");
        await tree.Locator("li").First.Locator(".mud-treeview-item-content").First.ClickAsync();
        await Expect(person.Page.Locator("[data-testid=organisation-state]")).Not.ToBeEmptyAsync();
        await Evidence.AssertAccessibleAsync(person.Page, "organisation detail");
        await Evidence.ScreenshotAsync(person.Page, "organisation");
    }
}
