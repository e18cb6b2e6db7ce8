namespace UnionPlatform.AppHost;

/// <summary>Configuration the AppHost hands to every service it runs.</summary>
public static class ServiceConfiguration
{
    /// <summary>
    /// The development JWT signing key: the gateway's POST /dev/token signs with it, every service validates with it.
    /// Generated once and kept in the AppHost's user secrets, so tokens survive a restart. Development only:
    /// production sets <c>Auth__Authority</c> (the city's OIDC provider) on each service and no signing key.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddDevSigningKey(this IDistributedApplicationBuilder builder) =>
        builder.AddParameter("auth-signing-key", new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true)
            .WithDescription("Development-only HMAC key for JWTs (gateway /dev/token). Production uses Auth__Authority instead.");

    /// <summary>What every service gets: the dev signing key, and the AppHost's environment (Development locally).</summary>
    public static IResourceBuilder<ProjectResource> WithPlatformDefaults(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> devSigningKey) =>
        service
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", service.ApplicationBuilder.Environment.EnvironmentName)
            .WithEnvironment("Auth__SigningKey", devSigningKey);
}
