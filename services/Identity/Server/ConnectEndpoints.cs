using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using UnionPlatform.Identity.Domain;
using UnionPlatform.Identity.UseCases;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UnionPlatform.Identity.Server;

/// <summary>
/// The OpenID Connect endpoints whose decisions are ours: OpenIddict validates each request (client, redirect URI,
/// PKCE, grant) before it reaches these handlers, and writes the responses.
/// </summary>
public static class ConnectEndpoints
{
    private const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync).ExcludeFromDescription();
        app.MapPost("/connect/token", TokenAsync).ExcludeFromDescription();
        app.MapMethods("/connect/endsession", ["GET", "POST"], EndSessionAsync).ExcludeFromDescription();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfoAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Signed in (the session cookie) and still allowed: a code for the client; else to the sign-in page.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<StaffAccount> accounts)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var account = session.Succeeded ? await accounts.GetUserAsync(session.Principal!) : null;
        if (account is null || !account.Enabled || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.LoginRequired, "The person is not signed in.");
            // Back to this very request once signed in (prompt=login dropped, or the sign-in page would loop).
            var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }
        return Results.SignIn(TokenClaims.ForAccount(account, request.GetScopes()), authenticationScheme: Server);
    }

    /// <summary>
    /// Codes and refresh tokens are exchanged only while the account is enabled and unlocked, with its role and
    /// district as they are now: a disabled account's refresh token is refused at once.
    /// </summary>
    private static async Task<IResult> TokenAsync(HttpContext context, UserManager<StaffAccount> accounts)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
            return Results.SignIn(TokenClaims.ForClient(request.ClientId!, request.GetScopes()), authenticationScheme: Server);
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
            return Refuse(Errors.UnsupportedGrantType, "This grant type is not supported.");

        var granted = await context.AuthenticateAsync(Server);
        var account = granted.Principal?.GetClaim(Claims.Subject) is { } id ? await accounts.FindByIdAsync(id) : null;
        if (account is null || !account.Enabled || await accounts.IsLockedOutAsync(account))
            return Refuse(Errors.InvalidGrant, "The account may no longer sign in.");
        return Results.SignIn(TokenClaims.ForAccount(account, granted.Principal!.GetScopes()), authenticationScheme: Server);
    }

    /// <summary>Ends the session here and sends the person back to the client's registered post-logout address.</summary>
    /// Its refresh tokens are revoked too, so no client keeps the session alive behind the person's back.
    private static async Task<IResult> EndSessionAsync(
        HttpContext context, SignInManager<StaffAccount> signIn, IOpenIddictTokenManager tokens, SecurityLog log)
    {
        if (await signIn.UserManager.GetUserAsync(context.User) is { } account)
        {
            await tokens.RevokeBySubjectAsync(account.Id.ToString(), context.RequestAborted);
            await log.SignInAsync(account.Id, SignInOutcome.SignedOut);
        }
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signed-out" }, [Server]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, UserManager<StaffAccount> accounts)
    {
        var token = await context.AuthenticateAsync(Server);
        var account = token.Principal?.GetClaim(Claims.Subject) is { } id ? await accounts.FindByIdAsync(id) : null;
        if (account is null || !account.Enabled)
            return Results.Challenge(Properties(Errors.InvalidToken, "The account may no longer sign in."), [Server]);
        return Results.Ok(new Dictionary<string, object?>
        {
            [Claims.Subject] = account.Id.ToString(), [Claims.Name] = account.DisplayName,
            [Claims.PreferredUsername] = account.UserName, [Claims.Role] = account.Role,
            [ServiceDefaults.Security.UnionRoles.DistrictClaim] = account.District,
        });
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(Properties(error, description), [Server]);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
