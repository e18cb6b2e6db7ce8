using System.Net;
using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UnionPlatform.Membership.Data;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Messaging;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// The Membership service in-process on Kestrel, bound to a loopback port: clients go through a real socket and
/// the real HTTP stack, unlike TestServer. Settings are production-like (not Development; no console log per SQL
/// command). The outbox relay is taken out of the hosted services so each scenario decides when it runs; it is the
/// same class with the same options, started and stopped through <see cref="StartRelayAsync"/>.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    public const string SigningKey = "benchmark-signing-key-that-is-long-enough-for-hs256!";
    private OutboxRelay<MembershipDbContext>? _relay;

    private readonly IReadOnlyDictionary<string, string> _settings;

    private BenchHost(string database, Uri broker, IReadOnlyDictionary<string, string> settings)
    {
        (Database, Broker, _settings) = (database, broker, settings);
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
    }

    public string Database { get; }
    public Uri Broker { get; }
    public string VirtualHost => Uri.UnescapeDataString(Broker.AbsolutePath.TrimStart('/'));

    /// <summary>A fresh database and virtual host, so hosts never share queues (their consumers would compete).</summary>
    public static async Task<BenchHost> StartAsync(string name, Options o)
    {
        var database = await TestServers.CreateDatabaseAsync($"bench_{name}");
        if (o.ConnectionOptions.Length > 0) database += ";" + o.ConnectionOptions;
        var host = new BenchHost(database, await TestServers.CreateVirtualHostAsync($"bench-{name}"), o.Settings);
        host.StartServer();
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.MembershipDb}", Database);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Messaging}", Broker.ToString());
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseTestPersonalDataKeys();
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:Enabled", "false");
        // Console logging is not what we measure: only warnings (appsettings.json keeps Information for the service's own logs).
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // EF logs its probe for the migrations table on an empty database as a failed command; that is not news.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Critical");
        // --set Key=Value, to try a configuration change (e.g. Messaging:Outbox:MaxPublishConcurrency) without editing the service.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            // The service registers its relay through a factory (one singleton, also the hosted service), so the
            // descriptor names no type: wrap every hosted-service factory and leave out whatever is the relay.
            for (var i = 0; i < services.Count; i++)
            {
                var d = services[i];
                if (d.ServiceType != typeof(IHostedService)) continue;
                if (d.ImplementationType == typeof(OutboxRelay<MembershipDbContext>)) { services[i] = ServiceDescriptor.Singleton<IHostedService, Idle>(); continue; }
                if (d.ImplementationFactory is not { } factory) continue;
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
                    factory(sp) is var hosted && hosted is OutboxRelay<MembershipDbContext> ? new Idle() : (IHostedService)hosted);
            }
        });
    }

    /// <summary>Stands in for the service's own relay, which the scenarios start and stop themselves.</summary>
    private sealed class Idle : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>A city-admin client with its own connection pool over the loopback socket.</summary>
    public HttpClient Client(int connections = 1, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = BaseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            DevTokens.Issue(new AuthOptions { SigningKey = SigningKey }, UnionRoles.CityAdmin, null));
        return client;
    }

    public async Task StartRelayAsync()
    {
        if (_relay is not null) return;
        _relay = ActivatorUtilities.CreateInstance<OutboxRelay<MembershipDbContext>>(Services);
        await _relay.StartAsync(CancellationToken.None);
    }

    public async Task StopRelayAsync()
    {
        if (_relay is null) return;
        await _relay.StopAsync(CancellationToken.None);
        _relay.Dispose();
        _relay = null;
    }

    public IBus Bus => Services.GetRequiredService<IBus>();

    public override async ValueTask DisposeAsync()
    {
        await StopRelayAsync();
        await base.DisposeAsync();
    }
}
