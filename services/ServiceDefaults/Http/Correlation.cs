using Microsoft.AspNetCore.Http;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// The correlation id events carry: the caller's X-Correlation-Id when it is a GUID, else one made for the request.
/// Every call during one request returns the same id, so all the events of one merge share it.
/// </summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";
    private static readonly object Key = new();

    public static Guid Id(this HttpContext context)
    {
        if (context.Items.TryGetValue(Key, out var known) && known is Guid id) return id;
        id = Guid.TryParse(context.Request.Headers[Header], out var given) && given != Guid.Empty ? given : Guid.CreateVersion7();
        context.Items[Key] = id;
        return id;
    }
}
