using System.Net;

namespace UnionPlatform.Gateway;

/// <summary>
/// GET /gateway: where a developer goes next (the API reference, the dashboard, health). The root is the staff
/// portal's.
/// </summary>
public static class StartPage
{
    public const string Path = "/gateway";

    public static IEndpointConventionBuilder MapStartPage(this WebApplication app)
    {
        var dashboard = app.Configuration["Gateway:DashboardUrl"];
        var reference = app.Environment.IsDevelopment()
            ? """<li><a href="/scalar">API reference</a> (every service; sign in at <a href="/identity/account/login">/identity</a>)</li>""" : "";
        var dashboardLink = string.IsNullOrWhiteSpace(dashboard) ? ""
            : $"""<li><a href="{WebUtility.HtmlEncode(dashboard)}">Aspire dashboard</a> (logs, traces, metrics)</li>""";
        var html = $"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>UnionPlatform 工会平台</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
            <h1>UnionPlatform 工会平台</h1>
            <p>The gateway in front of every service: <code>/membership/…</code>, <code>/hardship/…</code>, <code>/identity/…</code>;
            the staff portal at <a href="/">/</a>.</p>
            <ul>{reference}{dashboardLink}<li><a href="/health">Gateway health</a></li></ul>
            </body></html>
            """;
        return app.MapGet(Path, () => Results.Content(html, "text/html; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
    }
}
