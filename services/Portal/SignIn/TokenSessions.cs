using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace UnionPlatform.Portal.SignIn;

/// <summary>
/// The server-side store of <see cref="TokenSession"/>s, keyed by the session claim of the portal's cookie.
/// Hands out a valid access token, refreshing it (once, however many calls wait) shortly before it expires.
/// Backed by <see cref="IDistributedCache"/>: in memory for one portal instance, a shared cache for several.
/// </summary>
public sealed class TokenSessions(
    IDistributedCache cache, IHttpClientFactory http, IOptionsMonitor<OpenIdConnectOptions> oidc,
    IOptions<PortalAuthOptions> options, TimeProvider time, ILogger<TokenSessions> log)
{
    public const string SessionClaim = "portal_session";
    public const string ProviderClient = "identity-provider";
    private static readonly TimeSpan Sliding = TimeSpan.FromHours(12); // the provider's refresh-token lifetime
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refreshing = new();

    public async Task<string> StartAsync(TokenSession tokens, CancellationToken ct)
    {
        var id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await SaveAsync(id, tokens, ct);
        return id;
    }

    public async Task<TokenSession?> FindAsync(string sessionId, CancellationToken ct) =>
        await cache.GetAsync(Key(sessionId), ct) is { } bytes ? JsonSerializer.Deserialize<TokenSession>(bytes) : null;

    public async Task EndAsync(string sessionId, CancellationToken ct)
    {
        await cache.RemoveAsync(Key(sessionId), ct);
        _refreshing.TryRemove(sessionId, out _);
    }

    /// <summary>A token that is valid for a while yet; null when the session is gone or the provider refused to refresh it.</summary>
    public async Task<string?> AccessTokenAsync(string sessionId, CancellationToken ct)
    {
        var margin = options.Value.RefreshBefore;
        var session = await FindAsync(sessionId, ct);
        if (session is null || !session.ExpiresWithin(margin, time.GetUtcNow())) return session?.AccessToken;

        var gate = _refreshing.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            // Another call may have refreshed it while this one waited.
            session = await FindAsync(sessionId, ct);
            if (session is null || !session.ExpiresWithin(margin, time.GetUtcNow())) return session?.AccessToken;
            var refreshed = session.RefreshToken is null ? null : await RefreshAsync(session, ct);
            if (refreshed is null)
            {
                await EndAsync(sessionId, ct);
                return null;
            }
            await SaveAsync(sessionId, refreshed, ct);
            return refreshed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<TokenSession?> RefreshAsync(TokenSession session, CancellationToken ct)
    {
        var scheme = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await scheme.ConfigurationManager!.GetConfigurationAsync(ct);
        using var response = await http.CreateClient(ProviderClient).PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token", ["refresh_token"] = session.RefreshToken!,
                ["client_id"] = scheme.ClientId!, ["client_secret"] = scheme.ClientSecret ?? "",
            }), ct);
        if (!response.IsSuccessStatusCode)
        {
            // An account disabled or signed out elsewhere: the person signs in again.
            log.LogInformation("The provider refused to refresh a portal session: {Status}", (int)response.StatusCode);
            return null;
        }
        var answer = new OpenIdConnectMessage(await response.Content.ReadAsStringAsync(ct));
        return From(answer, session.IdToken, time.GetUtcNow());
    }

    /// <summary>What a token endpoint answered, with the expiry made absolute.</summary>
    public static TokenSession From(OpenIdConnectMessage answer, string? previousIdToken, DateTimeOffset now) => new(
        answer.AccessToken, answer.RefreshToken, answer.IdToken ?? previousIdToken,
        now.AddSeconds(int.TryParse(answer.ExpiresIn, out var seconds) ? seconds : 300));

    private Task SaveAsync(string id, TokenSession tokens, CancellationToken ct) =>
        cache.SetAsync(Key(id), JsonSerializer.SerializeToUtf8Bytes(tokens), new DistributedCacheEntryOptions { SlidingExpiration = Sliding }, ct);

    private static string Key(string sessionId) => $"portal-session:{sessionId}";
}
