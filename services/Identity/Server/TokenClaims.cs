using System.Security.Claims;
using OpenIddict.Abstractions;
using UnionPlatform.Identity.Domain;
using UnionPlatform.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UnionPlatform.Identity.Server;

/// <summary>
/// What the tokens say. Access tokens carry the subject, the role and the district (all a service needs to decide);
/// the display name goes in the identity token only, for the portal to greet the person.
/// </summary>
public static class TokenClaims
{
    public static ClaimsPrincipal ForAccount(StaffAccount account, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaim(Claims.PreferredUsername, account.UserName)
            .SetClaim(Claims.Role, account.Role)
            .SetClaim(UnionRoles.DistrictClaim, account.District);
        return Finish(identity, scopes);
    }

    /// <summary>A machine client (another agency): its client id is the subject, its role is agency.</summary>
    public static ClaimsPrincipal ForClient(string clientId, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId).SetClaim(Claims.Role, UnionRoles.Agency);
        return Finish(identity, scopes);
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, IEnumerable<string> scopes)
    {
        identity.SetScopes(scopes);
        identity.SetResources(ProviderSetup.Audience);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.PreferredUsername => [Destinations.IdentityToken],
            Claims.Role or UnionRoles.DistrictClaim or Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return new ClaimsPrincipal(identity);
    }
}
