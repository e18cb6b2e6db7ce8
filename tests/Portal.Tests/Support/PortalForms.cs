using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UnionPlatform.Testing.PlatformHost;

namespace UnionPlatform.Portal.Tests.Support;

/// <summary>Filling the portal's MudBlazor forms as a person does, and the demo city's records the stories start from.</summary>
public static class PortalForms
{
    /// <summary>Types into the field marked data-testid and leaves it: MudBlazor's fields commit on blur.</summary>
    public static async Task FillAsync(IPage page, string testId, string value)
    {
        var input = page.Locator($"[data-testid={testId}] input, input[data-testid={testId}]").First;
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    /// <summary>Types the start of a union's name into a picker and chooses it from the suggestions.</summary>
    public static async Task PickUnionAsync(IPage page, string label, string unionName)
    {
        await page.GetByLabel(label).FillAsync(unionName[..Math.Min(6, unionName.Length)]);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = unionName }).First.ClickAsync();
    }

    public sealed record Union(Guid Id, string Name);

    /// <summary>A grassroots union of the district that takes members (approved, active or due for re-election), read as its staff.</summary>
    public static async Task<Union> ActiveGrassrootsUnionAsync(Platform platform, string district)
    {
        using var client = platform.Client(await platform.TokenAsync("district-staff", district));
        var page = await client.GetFromJsonAsync<JsonElement>($"membership/api/organisations?districtId={district}&kind=Grassroots&pageSize=200");
        var union = page.GetProperty("items").EnumerateArray()
            .First(u => u.GetProperty("state").GetString() is "Active" or "Approved" or "ReelectionDue");
        return new Union(union.GetProperty("id").GetGuid(), union.GetProperty("name").GetString()!);
    }
}
