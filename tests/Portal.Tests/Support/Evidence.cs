using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace UnionPlatform.Portal.Tests.Support;

/// <summary>Each page a test reaches is scanned for accessibility and photographed under the test results.</summary>
public static class Evidence
{
    /// <summary>eng/test.sh exports its results folder; a plain dotnet test writes next to the assembly.</summary>
    public static string Folder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("UNIONPLATFORM_TEST_RESULTS") is { Length: > 0 } r ? r : AppContext.BaseDirectory, "portal");

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Zero serious or critical violations (axe-core's WCAG 2.x A/AA rules), listed with their nodes if any.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        // Colours are checked as they settle, not halfway through a 250 ms fade (a button enabled as its data arrives).
        await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{name}: " + string.Join(Environment.NewLine, bad.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target) + " " + n.Html))}")));
    }
}
