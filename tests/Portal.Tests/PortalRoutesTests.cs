using System.Text.Json;
using System.Text.RegularExpressions;

namespace UnionPlatform.Portal.Tests;

/// <summary>The portal sits at the gateway's root, under every path no service claims: a page there must not share a service's prefix.</summary>
public sealed partial class PortalRoutesTests
{
    [Fact]
    public void No_page_lives_under_a_path_the_gateway_sends_to_a_service()
    {
        var root = LocalizationTests.RepositoryRoot();
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "services", "Gateway", "appsettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var claimed = settings.RootElement.GetProperty("ReverseProxy").GetProperty("Routes").EnumerateObject()
            .Select(r => r.Value.GetProperty("Match").GetProperty("Path").GetString()!.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .Where(segment => segment is not null && !segment.StartsWith('{'))
            .Concat(["gateway", "scalar", "health", "alive"]) // the gateway's own endpoints
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var pages = Directory.EnumerateFiles(Path.Combine(root, "services", "Portal"), "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
            .SelectMany(f => Page().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToList();
        Assert.NotEmpty(pages);
        Assert.DoesNotContain(pages, p => p.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } first && claimed.Contains(first));
    }

    [GeneratedRegex("@page \"([^\"]+)\"")]
    private static partial Regex Page();
}
