extern alias gateway;
extern alias membership;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MembershipDbContext = membership::UnionPlatform.Membership.Data.MembershipDbContext;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;

namespace UnionPlatform.Gateway.Tests;

/// <summary>The real Membership service on Kestrel, on the real test PostgreSQL and RabbitMQ.</summary>
public sealed class MembershipOnKestrel() : ServiceApp<membership::Program, MembershipDbContext>(ResourceNames.MembershipDb, "gateway")
{
    public Uri Address { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}

/// <summary>
/// The gateway on Kestrel in front of it, so every byte crosses real sockets as it does in production. Hardship aid
/// points at <see cref="Hardship"/>, a proxy the tests switch between working, refusing and black-holing.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public MembershipOnKestrel Membership { get; } = new();
    public TcpProxy Hardship { get; private set; } = null!;
    private WebApplicationFactory<gateway::Program> _gateway = null!;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Membership).InitializeAsync();
        // Nothing listens behind the proxy's target: a port we bind and close again.
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        Hardship = new TcpProxy("127.0.0.1", closedPort);

        _gateway = new WebApplicationFactory<gateway::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Auth:SigningKey", MembershipOnKestrel.SigningKey);
            b.UseSetting("services:membership:http:0", Membership.Address.ToString().TrimEnd('/'));
            b.UseSetting("services:hardship:http:0", $"http://127.0.0.1:{Hardship.Port}");
            // Short enough for a test; production keeps 30 s idle and a 5 s probe.
            b.UseSetting("ReverseProxy:Clusters:hardship:HttpRequest:ActivityTimeout", "00:00:03");
            b.UseSetting("ReverseProxy:Clusters:hardship:HealthCheck:Active:Interval", "00:00:01");
            b.UseSetting("ReverseProxy:Clusters:hardship:HealthCheck:Active:Timeout", "00:00:01");
        });
        _gateway.UseKestrel(0);
        _gateway.StartServer();
        Address = new Uri(_gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public HttpClient Client(string? role = UnionRoles.CityAdmin)
    {
        var client = _gateway.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);
        if (role is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                MembershipOnKestrel.Token([role], null));
        return client;
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await Hardship.DisposeAsync();
        await ((IAsyncLifetime)Membership).DisposeAsync();
    }
}
