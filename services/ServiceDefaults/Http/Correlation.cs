using Microsoft.AspNetCore.Http;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>The correlation id events carry: the caller's X-Correlation-Id when it is a GUID, else a new one.</summary>
public static class Correlation
{
    public const string Header = "X-Correlation-Id";

    public static Guid Id(this HttpContext context) =>
        Guid.TryParse(context.Request.Headers[Header], out var id) ? id : Guid.CreateVersion7();
}
