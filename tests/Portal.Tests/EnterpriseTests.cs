using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UnionPlatform.Portal.Tests.Support;
using UnionPlatform.Testing.PlatformHost;
using static Microsoft.Playwright.Assertions;

namespace UnionPlatform.Portal.Tests;

/// <summary>An enterprise's page (its facts, its members, a new headcount) and the lists' district filter for city-wide roles.</summary>
[Collection(PortalCollection.Name)]
public sealed class EnterpriseTests(Platform platform, Browser browser)
{
    static EnterpriseTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task Staff_open_an_enterprise_from_the_grid_see_its_members_and_record_a_new_headcount()
    {
        // The district's largest covered enterprise, and its members as the API counts them.
        using var staff = platform.Client(await platform.TokenAsync("district-staff", "qingshan"));
        var enterprise = (await staff.GetFromJsonAsync<JsonElement>("membership/api/enterprises?covered=true&sort=-headcount&pageSize=1"))
            .GetProperty("items")[0];
        var (id, name, headcount) = (enterprise.GetProperty("id").GetGuid(), enterprise.GetProperty("name").GetString()!, enterprise.GetProperty("headcount").GetInt32());
        var members = (await staff.GetFromJsonAsync<JsonElement>($"membership/api/members?enterpriseId={id}&pageSize=1")).GetProperty("total").GetInt32();

        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("qingshan-staff", "/enterprises");
        var page = person.Page;
        await Expect(page.Locator("[data-testid=district-filter]")).ToHaveCountAsync(0); // district staff have one district: nothing to choose
        await PortalForms.FillAsync(page, "enterprise-search", name);
        await page.Locator("[data-testid=enterprises] tbody tr a").Filter(new() { HasTextString = name }).First.ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("[data-testid=covered]")).ToHaveTextAsync("已建会");
        await Expect(page.Locator("[data-testid=member-count]")).ToHaveTextAsync($"{members:N0}");
        await Expect(page.Locator("[data-testid=enterprise-members] tbody tr td:nth-child(2)")).ToHaveCountAsync(Math.Min(members, 10));
        await Evidence.AssertAccessibleAsync(page, "enterprise");
        await Evidence.ScreenshotAsync(page, "enterprise");

        await PortalForms.FillAsync(page, "new-headcount", $"{headcount + 7}");
        await page.Locator("[data-testid=save-headcount]").ClickAsync();
        await Expect(page.Locator("[data-testid=headcount]")).ToHaveTextAsync($"{headcount + 7:N0}");
        // Back as it was, for the other tests' figures.
        using var restored = await staff.PutAsJsonAsync($"membership/api/enterprises/{id}/headcount", new { headcount });
        Assert.True(restored.IsSuccessStatusCode, await restored.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_city_wide_role_narrows_the_members_list_to_one_district()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("auditor", "/members");
        var page = person.Page;
        await page.Locator("[data-testid=district-filter]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = "鼓楼" }).ClickAsync();
        var districts = page.Locator("[data-testid=members] tbody tr td:nth-child(3)");
        await Expect(districts.First).ToHaveTextAsync("鼓楼区");
        Assert.All(await districts.AllInnerTextsAsync(), d => Assert.Equal("鼓楼区", d));
        await Evidence.AssertAccessibleAsync(page, "members, one district");
    }
}
