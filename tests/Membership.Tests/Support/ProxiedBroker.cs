using UnionPlatform.Testing;

namespace UnionPlatform.Membership.Tests.Support;

/// <summary>A Membership service whose broker connection runs through a <see cref="TcpProxy"/> the test can cut or black-hole.</summary>
public abstract class ProxiedBroker : IAsyncLifetime
{
    protected MembershipApp App { get; } = new();
    protected TcpProxy Proxy { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await ((IAsyncLifetime)App).InitializeAsync();
        Proxy = new TcpProxy(App.Broker.Host, App.Broker.Port);
        Proxy.Start();
        App.BrokerOverride = uri => new UriBuilder(uri) { Port = Proxy.Port }.Uri;
    }

    public virtual async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await ((IAsyncLifetime)App).DisposeAsync();
    }
}
