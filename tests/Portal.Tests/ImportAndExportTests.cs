using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.Portal.Tests.Support;
using UnionPlatform.Testing.PlatformHost;
using static Microsoft.Playwright.Assertions;

namespace UnionPlatform.Portal.Tests;

/// <summary>The workbooks district staff work with: a roster imported with its bad line reported, grids exported as shown.</summary>
[Collection(PortalCollection.Name)]
public sealed class ImportAndExportTests(Platform platform, Browser browser)
{
    static ImportAndExportTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task A_roster_workbook_with_one_bad_line_is_imported_and_that_line_reported()
    {
        var union = await PortalForms.ActiveGrassrootsUnionAsync(platform, "jiangbei");
        var roster = Path.Combine(Evidence.Folder, "roster.xlsx");
        Directory.CreateDirectory(Evidence.Folder);
        var id = () => NationalId.Create("361203", new DateOnly(1985, 1, 1).AddDays(Random.Shared.Next(7000)), Random.Shared.Next(1000));
        File.Delete(roster);
        MiniExcel.SaveAs(roster, new[]
        {
            new { nationalId = id(), name = "赵丽", phone = "13700000001" },
            new { nationalId = "361203199001011234", name = "钱进", phone = "13700000002" }, // a wrong check character: line 3
            new { nationalId = id(), name = "孙强", phone = "13700000003" },
        });

        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("jiangbei-staff", "/roster-import");
        var page = person.Page;
        await PortalForms.PickUnionAsync(page, "导入到工会", union.Name);
        await page.Locator("input[type=file]").SetInputFilesAsync(roster);
        await Expect(page.Locator("[data-testid=file-name]")).ToHaveTextAsync("roster.xlsx");
        await page.Locator("[data-testid=import]").ClickAsync();

        await Expect(page.Locator("[data-testid=import-summary]")).ToHaveTextAsync("共 3 行：导入 2 行，退回 1 行。");
        var errors = page.Locator("[data-testid=import-errors] tbody tr");
        await Expect(errors).ToHaveCountAsync(1);
        await Expect(errors.First.Locator("td").First).ToHaveTextAsync("3");
        await Expect(errors.First).ToContainTextAsync("nationalId");
        await Evidence.AssertAccessibleAsync(page, "roster import, one line refused");
        await Evidence.ScreenshotAsync(page, "roster-import");

        var rows = await DownloadSheetAsync(page, "download-errors", "import-errors.xlsx");
        Assert.Equal(3.0, Convert.ToDouble(Assert.Single(rows)["行号"]));
    }

    /// <summary>Clicks what starts a download, keeps the file with the test results and reads its first sheet.</summary>
    private static async Task<List<IDictionary<string, object>>> DownloadSheetAsync(IPage page, string clickTestId, string keepAs)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid={clickTestId}]").ClickAsync());
        var file = Path.Combine(Evidence.Folder, keepAs);
        await download.SaveAsAsync(file);
        return MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
    }

    [Fact]
    public async Task The_enterprises_grid_exports_its_filter_every_page()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("taiping-staff", "/enterprises?covered=false");
        var page = person.Page;
        await Expect(page.Locator("[data-testid=enterprises] tbody tr:has(td:nth-child(6))").First).ToBeVisibleAsync();
        var rows = await DownloadSheetAsync(page, "export", "enterprises-export.xlsx");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(("太平县", "未建会"), ((string)r["区县"], (string)r["是否建会"])));
    }

    [Fact]
    public async Task The_members_grid_exports_what_it_shows_with_national_ids_masked()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("yunxi-staff", "/members");
        var page = person.Page;
        await Expect(page.Locator("[data-testid=members] tbody tr:has(td:nth-child(6))").First).ToBeVisibleAsync();
        var shown = await page.GetByText(new Regex(@"共 \d+ 条")).InnerTextAsync();
        var total = int.Parse(Regex.Match(shown, @"共 (\d+) 条").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var rows = await DownloadSheetAsync(page, "export", "members-export.xlsx");
        Assert.Equal(total, rows.Count); // every page of the grid, not only the one on screen
        Assert.All(rows, r => Assert.Matches(@"^\d{6}\*{8}\d{3}[\dX]$", (string)r["身份证号"]));
        Assert.All(rows, r => Assert.Equal("云溪县", (string)r["区县"]));
    }

    [Fact]
    public async Task The_home_figures_export_as_the_table_shows_them()
    {
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("linjiang-staff");
        var page = person.Page;
        var row = page.Locator("[data-testid=coverage-table] tbody tr").First;
        await Expect(row).ToBeVisibleAsync();
        var shown = await row.Locator("th, td").AllInnerTextsAsync();
        var sheet = Assert.Single(await DownloadSheetAsync(page, "export", "coverage-export.xlsx")); // district staff: their district only
        Assert.Equal("临江市", (string)sheet["区县"]);
        Assert.Equal(shown[1], $"{Convert.ToInt64(sheet["企业数"]):N0}");
        Assert.Equal(shown[3], $"{Convert.ToDecimal(sheet["组建率（%）"]):F1}%");
    }
}
