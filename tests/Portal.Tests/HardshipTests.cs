using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UnionPlatform.Documents;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.Portal.Tests.Support;
using UnionPlatform.Testing.PlatformHost;
using static Microsoft.Playwright.Assertions;

namespace UnionPlatform.Portal.Tests;

/// <summary>A hardship file through its steps in the browser, and aid granted within the yearly cap.</summary>
[Collection(PortalCollection.Name)]
public sealed class HardshipTests(Platform platform, Browser browser)
{
    static HardshipTests() => SetDefaultExpectTimeout(30_000);

    [Fact]
    public async Task District_staff_take_a_submitted_file_to_filed_and_grant_aid_seeing_the_cap_shrink()
    {
        var fileId = await SubmittedFileAsync("gaoxin");
        await using var person = await PortalSession.OpenAsync(browser, platform);
        await person.SignInAsync("gaoxin-staff", $"/hardship-files/{fileId}");
        var page = person.Page;
        await Expect(page.Locator("[data-testid=file-state]")).ToHaveTextAsync("已提交");
        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd");

        await Step(page, "survey", async () => await PortalForms.FillAsync(page, "date", today));
        await Expect(page.Locator("[data-testid=file-state]")).ToHaveTextAsync("已入户调查");
        await Step(page, "income-check", async () =>
        {
            await PortalForms.FillAsync(page, "date", today);
            await PortalForms.FillAsync(page, "household", "3");
            await PortalForms.FillAsync(page, "income", "27000");
            await PortalForms.FillAsync(page, "costs", "3000");
        });
        await Expect(page.Locator("[data-testid=category]")).ToHaveTextAsync("深度困难"); // 666.67 a person a month, under the 低保
        await Step(page, "public-notice", () => Task.CompletedTask);

        // Not filed without the household's signed consent form: the service's reason shows, the file stays on notice.
        await Expect(page.Locator("[data-testid=consent-required]")).ToBeVisibleAsync();
        await page.Locator("[data-action=file]").ClickAsync();
        await page.Locator("[data-testid=confirm]").ClickAsync();
        await Expect(page.Locator("[data-testid=problem]")).ToContainTextAsync("consent form");
        await Expect(page.Locator("[data-testid=current-state]")).ToHaveTextAsync("当前状态：公示中"); // the service's "PublicNotice", in the person's words
        await Expect(page.Locator("[data-testid=file-state]")).ToHaveTextAsync("公示中");

        // Uploaded from the file's page (the kind preselected is the consent form), listed, and viewable as the PDF it is.
        var consentForm = PlaceholderPdf.Create($"Signed consent, file {fileId}");
        await page.Locator("[data-testid=documents] input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = "吴秀兰授权书.pdf", MimeType = "application/pdf", Buffer = consentForm });
        var consentRow = page.Locator("[data-testid=document-list] tr[data-kind=Consent]");
        await Expect(consentRow).ToContainTextAsync("吴秀兰授权书.pdf");
        await Expect(consentRow).ToContainTextAsync("建档依据");
        await Expect(page.Locator("[data-testid=consent-required]")).ToHaveCountAsync(0);
        var link = await consentRow.Locator("a").EvaluateAsync<string>("a => a.href"); // as the browser resolves it (against <base href>)
        var viewed = await page.APIRequest.GetAsync(link);
        Assert.Equal(200, viewed.Status);
        Assert.Equal("application/pdf", viewed.Headers["content-type"]);
        Assert.Equal(consentForm, await viewed.BodyAsync());
        await Evidence.AssertAccessibleAsync(page, "hardship file, consent form uploaded");

        await Step(page, "file", () => Task.CompletedTask);
        await Expect(page.Locator("[data-testid=file-state]")).ToHaveTextAsync("已建档");
        await Evidence.AssertAccessibleAsync(page, "hardship file, filed");

        var living = page.Locator("[data-testid=caps] tr[data-type=Living] td.remaining");
        var before = Yuan(await living.InnerTextAsync());
        await page.Locator("[data-testid=grant-type]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "生活救助" }).ClickAsync();
        await PortalForms.FillAsync(page, "grant-amount", "1500");
        await page.Locator("[data-testid=grant]").ClickAsync();
        await Expect(living).ToHaveTextAsync($"¥{before - 1500m:N2}");
        await Expect(page.Locator("[data-testid=grants] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=grants]")).ToContainTextAsync("待支付");
        await Evidence.AssertAccessibleAsync(page, "hardship file, aid granted");
        await Evidence.ScreenshotAsync(page, "hardship-file");
    }

    private static async Task Step(IPage page, string action, Func<Task> fill)
    {
        await page.Locator($"[data-action={action}]").ClickAsync();
        await fill();
        await page.Locator("[data-testid=confirm]").ClickAsync();
        await Expect(page.Locator($"[data-action={action}]")).ToHaveCountAsync(0); // the step is done: the next ones are offered
    }

    private static decimal Yuan(string text) => decimal.Parse(text.TrimStart('¥'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A worker who joins, then opens and submits a hardship file (HardshipAid learns of the member from the event).</summary>
    private async Task<Guid> SubmittedFileAsync(string district)
    {
        var union = await PortalForms.ActiveGrassrootsUnionAsync(platform, district);
        using var staff = platform.Client(await platform.TokenAsync("district-staff", district));
        var nationalId = NationalId.Create("361204", new DateOnly(1975, 1, 1).AddDays(Random.Shared.Next(7000)), Random.Shared.Next(1000));
        using var applied = await staff.PostAsJsonAsync("membership/api/members", new { nationalId, name = "吴秀兰", phone = "13600001234", unionId = union.Id });
        Assert.True(applied.StatusCode == HttpStatusCode.Created, await applied.Content.ReadAsStringAsync());
        var memberId = (await applied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var approved = await staff.PostAsJsonAsync($"membership/api/members/{memberId}/approve", new { }))
            Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var opened = await staff.PostAsJsonAsync("hardship/api/hardship-files", new
            {
                memberId, householdSize = 3, annualIncome = 27_000m, essentialCosts = 3_000m, causes = new[] { "Illness" },
            });
            if (opened.StatusCode == HttpStatusCode.Created)
            {
                var fileId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                using var submitted = await staff.PostAsync($"hardship/api/hardship-files/{fileId}/submit", null);
                Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
                return fileId;
            }
            // 404 until MemberJoined reached HardshipAid; anything else is a failure.
            Assert.True(opened.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline, await opened.Content.ReadAsStringAsync());
            await Task.Delay(250);
        }
    }
}
