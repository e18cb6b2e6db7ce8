using Microsoft.Extensions.Hosting;
namespace UnionPlatform.AppHost;

/// <summary>Configuration the AppHost hands to every service it runs.</summary>
public static class ServiceConfiguration
{
    /// <summary>
    /// Development keys for personal data at rest (AES-256 for the values, another for the keyed hash), generated once
    /// and kept in the user secrets like the signing key: losing them loses the demo data. Production configures
    /// <c>PersonalData__Keys__&lt;id&gt;</c>, <c>PersonalData__CurrentKeyId</c> and <c>PersonalData__HashKey</c> from its vault.
    /// </summary>
    public static DevPersonalDataKeys AddDevPersonalDataKeys(this IDistributedApplicationBuilder builder) => new(
        builder.AddParameter("personal-data-key", new RandomKeyDefault(), secret: true, persist: true)
            .WithDescription("Development-only AES-256 key (base64) for personal data at rest."),
        builder.AddParameter("personal-data-hash-key", new RandomKeyDefault(), secret: true, persist: true)
            .WithDescription("Development-only HMAC key (base64) for the national-ID hash."));

    /// <summary>What every service gets: the AppHost's environment (Development locally).</summary>
    public static IResourceBuilder<ProjectResource> WithPlatformDefaults(this IResourceBuilder<ProjectResource> service) =>
        service.WithEnvironment("ASPNETCORE_ENVIRONMENT", service.ApplicationBuilder.Environment.EnvironmentName);

    /// <summary>
    /// An API service validates the identity provider's tokens through its discovery document (Auth__Authority),
    /// and starts once the provider is up.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithIdentityProvider(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<ProjectResource> identity, ReferenceExpression issuer) =>
        service.WithEnvironment("Auth__Authority", issuer).WaitFor(identity);

    public const string DevToolsClientId = "dev-tools";
    public const string DevToolsRedirectUri = "http://localhost/dev-tools/callback";

    /// <summary>
    /// Development only: a public client (code + PKCE) for scripts and the end-to-end tests, which sign in as the
    /// demo accounts through the real pages and read the code off the redirect (nothing listens at its address).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDevToolsClient(this IResourceBuilder<ProjectResource> identity) =>
        identity.ApplicationBuilder.Environment.IsDevelopment()
            ? identity.WithEnvironment($"Identity__Clients__{DevToolsClientId}__RedirectUris__0", DevToolsRedirectUri)
            : identity;

    public const string PortalClientId = "portal";

    /// <summary>
    /// The portal signs people in at the provider as a confidential client (code + PKCE; a secret generated once and
    /// kept in the user secrets) and is reached at the gateway's root, so its sign-in addresses are the gateway's.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPortalClient(this IResourceBuilder<ProjectResource> portal,
        IResourceBuilder<ProjectResource> identity, ReferenceExpression issuer, EndpointReference gateway)
    {
        var secret = portal.ApplicationBuilder.AddParameter("portal-client-secret", new RandomKeyDefault(), secret: true, persist: true)
            .WithDescription("The portal's client secret at the identity provider.");
        identity
            .WithEnvironment($"Identity__Clients__{PortalClientId}__DisplayName", "工会工作平台")
            .WithEnvironment($"Identity__Clients__{PortalClientId}__Secret", secret)
            .WithEnvironment($"Identity__Clients__{PortalClientId}__RedirectUris__0", ReferenceExpression.Create($"{gateway}/signin-oidc"))
            .WithEnvironment($"Identity__Clients__{PortalClientId}__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{gateway}/signout-callback-oidc"));
        return portal
            .WithEnvironment("Portal__Authority", issuer)
            .WithEnvironment("Portal__ClientId", PortalClientId)
            .WithEnvironment("Portal__ClientSecret", secret)
            .WithEnvironment("Portal__Gateway", ReferenceExpression.Create($"{gateway}/"))
            .WaitFor(identity);
    }

    /// <summary>A service that stores personal data gets the development keys (one key id, "dev1").</summary>
    public static IResourceBuilder<ProjectResource> WithPersonalDataKeys(this IResourceBuilder<ProjectResource> service, DevPersonalDataKeys keys) =>
        service
            .WithEnvironment("PersonalData__CurrentKeyId", "dev1")
            .WithEnvironment("PersonalData__Keys__dev1", keys.Key)
            .WithEnvironment("PersonalData__HashKey", keys.HashKey);
}

public sealed record DevPersonalDataKeys(IResourceBuilder<ParameterResource> Key, IResourceBuilder<ParameterResource> HashKey);

/// <summary>32 random bytes, base64: what the personal-data protector expects (a generated password is not).</summary>
internal sealed class RandomKeyDefault : ParameterDefault
{
    public override string GetDefaultValue() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    // Deployments bring their own keys from a vault: nothing to generate in a manifest.
    public override void WriteToManifest(Aspire.Hosting.Publishing.ManifestPublishingContext context) { }
}
