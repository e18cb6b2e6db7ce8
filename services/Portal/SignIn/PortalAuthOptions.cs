namespace UnionPlatform.Portal.SignIn;

/// <summary>
/// Portal:Authority etc.: the OpenID Connect provider the staff sign in with (the platform's identity service, or
/// the city's own authority) and this portal's registration there, a confidential client using code + PKCE.
/// </summary>
public sealed class PortalAuthOptions
{
    public const string Section = "Portal";

    /// <summary>The issuer, e.g. http://localhost:5080/identity/.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "portal";
    public string ClientSecret { get; set; } = "";

    /// <summary>The gateway every API call goes through, e.g. http://localhost:5080/.</summary>
    public string Gateway { get; set; } = "";

    /// <summary>Refresh the access token when less than this is left of it (the provider issues 10 minutes).</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(2);
}
