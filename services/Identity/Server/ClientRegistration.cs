using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UnionPlatform.Identity.Server;

/// <summary>
/// The clients the provider knows, from Identity:Clients:{clientId} (created or updated at start):
/// with RedirectUris, a sign-in client (code + PKCE, refresh tokens; confidential when it has a Secret);
/// without, a machine client (client credentials, a Secret required), such as an agency reading the feed.
/// </summary>
public sealed class ClientOptions
{
    public string? DisplayName { get; set; }
    public string? Secret { get; set; }
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
}

public static class ClientRegistration
{
    public static async Task RegisterAsync(IOpenIddictApplicationManager applications, IConfiguration configuration, CancellationToken ct)
    {
        foreach (var section in configuration.GetSection("Identity:Clients").GetChildren())
        {
            var options = section.Get<ClientOptions>() ?? new ClientOptions();
            var descriptor = Describe(section.Key, options);
            if (await applications.FindByClientIdAsync(section.Key, ct) is { } existing)
                await applications.UpdateAsync(existing, descriptor, ct);
            else
                await applications.CreateAsync(descriptor, ct);
        }
    }

    public static OpenIddictApplicationDescriptor Describe(string clientId, ClientOptions options)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            DisplayName = options.DisplayName ?? clientId,
            ClientSecret = string.IsNullOrEmpty(options.Secret) ? null : options.Secret,
            ClientType = string.IsNullOrEmpty(options.Secret) ? ClientTypes.Public : ClientTypes.Confidential,
        };
        if (options.RedirectUris.Count == 0)
        {
            if (descriptor.ClientType == ClientTypes.Public)
                throw new InvalidOperationException($"Identity:Clients:{clientId} has neither redirect URIs nor a secret.");
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials]);
            return descriptor;
        }
        descriptor.ApplicationType = ApplicationTypes.Web;
        descriptor.RedirectUris.UnionWith(options.RedirectUris.Select(u => new Uri(u)));
        descriptor.PostLogoutRedirectUris.UnionWith(options.PostLogoutRedirectUris.Select(u => new Uri(u)));
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            Permissions.Scopes.Profile, Permissions.Scopes.Roles,
        ]);
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        return descriptor;
    }
}
