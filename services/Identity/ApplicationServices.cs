using Microsoft.AspNetCore.Localization;
using UnionPlatform.Identity.Api;
using UnionPlatform.Identity.Server;

namespace UnionPlatform.Identity;

public static class ApplicationServices
{
    private static readonly string[] Cultures = ["zh-CN", "en"];

    /// <summary>The sign-in pages (Razor Pages, Chinese first); the API answers as every service's does.</summary>
    public static IHostApplicationBuilder AddSignInPages(this IHostApplicationBuilder builder)
    {
        builder.AddApiConventions();
        builder.Services.AddRazorPages();
        // Chinese text as text, not as &#x...; entities: readable pages, a third of the bytes.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    public static WebApplication UseSignInPages(this WebApplication app)
    {
        // Behind the gateway at /identity the prefix becomes the path base (forwarded headers), so links keep it.
        app.UseApiConventions();
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
        // ?culture=en on one page keeps English for the next steps of the sign-in (the culture cookie).
        app.Use(async (context, next) =>
        {
            if (context.Request.Query["culture"] is [{ } culture] && Cultures.Contains(culture))
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            await next();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapIdentityEndpoints(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapConnectEndpoints();
        app.MapAccountsApi();
        app.MapOpenApi().AllowAnonymous();
        app.MapDefaultEndpoints();
        return app;
    }
}
