using Microsoft.JSInterop;

namespace UnionPlatform.Portal.Components.Shared;

/// <summary>Hands a file to the person's browser (wwwroot/app.js streams it into a download).</summary>
public sealed class Downloads(IJSRuntime js)
{
    public async Task SaveAsync(string fileName, Stream content)
    {
        using var reference = new DotNetStreamReference(content, leaveOpen: false);
        await js.InvokeVoidAsync("unionPlatform.download", fileName, reference);
    }
}
