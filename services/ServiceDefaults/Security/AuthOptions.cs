namespace UnionPlatform.ServiceDefaults.Security;

/// <summary>
/// Bound from the "Auth" section. Production sets <see cref="Authority"/> (the city's OIDC provider);
/// local runs and tests set <see cref="SigningKey"/>, a development key the AppHost hands every service.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string? Authority { get; set; }
    public string Audience { get; set; } = "unionplatform";
    public string Issuer { get; set; } = "unionplatform-dev";
    public string? SigningKey { get; set; }
    /// <summary>Tolerance for clock drift between the issuer and the service when checking expiry.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Serve the OpenAPI documents without sign-in (always so in Development).</summary>
    public bool PublicApiDocuments { get; set; }

    /// <summary>HS256 needs a key of at least its output size.</summary>
    public const int MinSigningKeyBytes = 32;
}
