using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Portal.SignIn;

/// <summary>
/// Staff sign in with OpenID Connect (code + PKCE, a confidential client); the portal's own cookie names a
/// server-side <see cref="TokenSession"/>. Only staff roles get in: an agency client or a role the platform does not
/// know is sent to the "no access" page.
/// </summary>
public static class PortalSignIn
{
    public const string StaffPolicy = "portal-staff";
    /// <summary>Account administration: the identity service refuses anyone else anyway; the portal does not offer it.</summary>
    public const string CityAdminPolicy = "portal-city-admin";
    public const string DeniedPath = "/account/denied";
    public const string SignedOutPath = "/account/signed-out";

    public static WebApplicationBuilder AddPortalSignIn(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalAuthOptions.Section);
        builder.Services.Configure<PortalAuthOptions>(section);
        var options = section.Get<PortalAuthOptions>() ?? new PortalAuthOptions();

        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSingleton<TokenSessions>();
        builder.Services.AddHttpClient(TokenSessions.ProviderClient);
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "unionplatform.portal";
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.AccessDeniedPath = DeniedPath;
                cookie.Events.OnValidatePrincipal = RequireLiveSessionAsync;
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = options.Authority;
                oidc.ClientId = options.ClientId;
                oidc.ClientSecret = options.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                // A top-level GET back to the portal: its Lax cookies arrive (a form post from the provider would not).
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.UsePkce = true;
                oidc.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "roles", "offline_access" }) oidc.Scope.Add(scope);
                oidc.MapInboundClaims = false; // "role" and "district" as the provider names them
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.TokenValidationParameters.RoleClaimType = UnionRoles.RoleClaim;
                oidc.SaveTokens = false; // kept server-side, see TokenSessions
                oidc.RequireHttpsMetadata = builder.Environment.IsProduction();
                oidc.CorrelationCookie.SameSite = oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.SignedOutRedirectUri = SignedOutPath;
                oidc.Events.OnRedirectToIdentityProvider = AskInTheUsersLanguage;
                oidc.Events.OnTokenValidated = StartSessionAsync;
                oidc.Events.OnRedirectToIdentityProviderForSignOut = EndSessionAsync;
                oidc.Events.OnRemoteFailure = ShowDenied;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.CanRead()))
            .AddPolicy(CityAdminPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsCityAdmin()));
        return builder;
    }

    /// <summary>
    /// /account/sign-in (back to a local address) and /account/sign-out. Signing out is a GET the portal's own pages
    /// navigate to: the browser's Sec-Fetch-Site says it came from the portal itself (or was typed), so another site
    /// cannot sign a person out. A Blazor circuit has no form antiforgery token to post without prerendering.
    /// </summary>
    public static WebApplication MapSignInEndpoints(this WebApplication app)
    {
        app.MapGet("/account/sign-in", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOrRoot(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();
        app.MapGet("/account/sign-out", (HttpContext http) =>
            http.Request.Headers["Sec-Fetch-Site"].ToString() is "same-origin" or "none"
                ? Results.SignOut(new AuthenticationProperties { RedirectUri = SignedOutPath },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
                : Results.Redirect("/"))
            .RequireAuthorization();
        return app;
    }

    private static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static async Task StartSessionAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        if (!principal.CanRead())
        {
            context.Fail("Only the staff of the union federation may sign in to the portal.");
            return;
        }
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var tokens = TokenSessions.From(context.TokenEndpointResponse!, context.ProtocolMessage.IdToken, now);
        var id = await services.GetRequiredService<TokenSessions>().StartAsync(tokens, context.HttpContext.RequestAborted);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(TokenSessions.SessionClaim, id));
    }

    private static async Task RequireLiveSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<TokenSessions>();
        if (context.Principal?.FindFirstValue(TokenSessions.SessionClaim) is { } id
            && await sessions.FindAsync(id, context.HttpContext.RequestAborted) is not null) return;
        // The portal restarted or the session ended: sign in again (usually silent, the provider remembers the person).
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    private static async Task EndSessionAsync(RedirectContext context)
    {
        if (context.HttpContext.User.FindFirstValue(TokenSessions.SessionClaim) is not { } id) return;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<TokenSessions>();
        context.ProtocolMessage.IdTokenHint = (await sessions.FindAsync(id, context.HttpContext.RequestAborted))?.IdToken;
        await sessions.EndAsync(id, context.HttpContext.RequestAborted);
    }

    // The provider's pages then speak the portal's language.
    private static Task AskInTheUsersLanguage(RedirectContext context)
    {
        context.ProtocolMessage.UiLocales = CultureInfo.CurrentUICulture.Name;
        return Task.CompletedTask;
    }

    private static Task ShowDenied(RemoteFailureContext context)
    {
        context.Response.Redirect(DeniedPath);
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
