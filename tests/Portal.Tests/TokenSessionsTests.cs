using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using UnionPlatform.Portal.SignIn;

namespace UnionPlatform.Portal.Tests;

/// <summary>The portal's server-side sessions: a token is refreshed shortly before it expires, once however many calls wait.</summary>
public sealed class TokenSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ProviderStub _provider = new();

    private TokenSessions Sessions() => new(
        new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), new Factory(_provider), new Oidc(),
        Options.Create(new PortalAuthOptions()), _time, NullLogger<TokenSessions>.Instance);

    [Fact]
    public async Task A_token_with_time_left_is_handed_out_without_asking_the_provider()
    {
        var sessions = Sessions();
        var id = await sessions.StartAsync(new TokenSession("access-1", "refresh-1", "id", _time.GetUtcNow().AddMinutes(10)), default);
        _time.Advance(TimeSpan.FromMinutes(7));
        Assert.Equal("access-1", await sessions.AccessTokenAsync(id, default));
        Assert.Equal(0, _provider.Calls);
    }

    [Fact]
    public async Task Near_its_expiry_the_token_is_refreshed_once_for_all_waiting_calls_and_the_new_refresh_token_kept()
    {
        var sessions = Sessions();
        var id = await sessions.StartAsync(new TokenSession("access-1", "refresh-1", "id", _time.GetUtcNow().AddMinutes(10)), default);
        _time.Advance(TimeSpan.FromMinutes(9)); // inside the 2-minute margin
        _provider.Answer = """{"access_token":"access-2","refresh_token":"refresh-2","expires_in":600,"token_type":"Bearer"}""";

        // The provider answers only once all eight calls are under way: the other seven wait behind the first refresh.
        _provider.Held = true;
        var calls = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sessions.AccessTokenAsync(id, default)));
        _provider.Release.SetResult();
        var tokens = await calls;

        Assert.All(tokens, t => Assert.Equal("access-2", t));
        Assert.Equal(1, _provider.Calls);
        Assert.Contains("refresh_token=refresh-1", _provider.LastBody);
        var saved = await sessions.FindAsync(id, default);
        Assert.Equal(("refresh-2", "id", _time.GetUtcNow().AddSeconds(600)), (saved!.RefreshToken, saved.IdToken, saved.ExpiresAt));
    }

    [Fact]
    public async Task A_refresh_the_provider_refuses_ends_the_session()
    {
        var sessions = Sessions();
        var id = await sessions.StartAsync(new TokenSession("access-1", "refresh-1", "id", _time.GetUtcNow().AddMinutes(1)), default);
        _provider.Status = HttpStatusCode.BadRequest; // the account was disabled, or signed out elsewhere
        _provider.Answer = """{"error":"invalid_grant"}""";

        Assert.Null(await sessions.AccessTokenAsync(id, default));
        Assert.Null(await sessions.FindAsync(id, default));
    }

    private sealed class ProviderStub : HttpMessageHandler
    {
        public int Calls;
        public string Answer = "{}";
        public HttpStatusCode Status = HttpStatusCode.OK;
        public string LastBody = "";
        public bool Held;
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            LastBody = await request.Content!.ReadAsStringAsync(ct);
            if (Held) await Release.Task.WaitAsync(ct);
            return new HttpResponseMessage(Status) { Content = new StringContent(Answer, System.Text.Encoding.UTF8, "application/json") };
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private sealed class Oidc : IOptionsMonitor<OpenIdConnectOptions>
    {
        private readonly OpenIdConnectOptions _options = new()
        {
            ClientId = "portal", ClientSecret = "secret",
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(
                new OpenIdConnectConfiguration { TokenEndpoint = "http://provider/connect/token" }),
        };

        public OpenIdConnectOptions CurrentValue => _options;
        public OpenIdConnectOptions Get(string? name) => _options;
        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;
    }
}
