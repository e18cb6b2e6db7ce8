using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Tests.Support;

namespace UnionPlatform.Membership.Tests.Messaging;

/// <summary>
/// The network to the broker black-holes: connections stay open, bytes vanish, no confirm ever comes. When it heals,
/// the connections open during the black hole stay wedged (as a RabbitMQ.Client channel that never recovers), so only
/// new connections help: the relay must notice that its publishes only time out and open a new connection.
/// </summary>
public sealed class WedgedBrokerTests : ProxiedBroker
{
    private MeterListener? _meters;
    private long _recycles;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App.Settings["Messaging:Outbox:PublishTimeout"] = "00:00:02";
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "unionplatform.outbox.connection_recycles") listener.EnableMeasurementEvents(instrument);
            },
        };
        _meters.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _recycles, value));
        _meters.Start();
    }

    [Fact]
    public async Task After_publishes_keep_timing_out_the_relay_opens_a_new_connection_and_delivers_everything()
    {
        var world = await World.CreateAsync(App.Admin(), "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        await MembershipApp.EventuallyAsync(async () => await App.UnsentOutboxAsync() == 0, "the relay drained before the black hole");

        Proxy.BlackHole();
        var members = new List<Guid>();
        for (var i = 0; i < 3; i++) members.Add((await world.ActiveMemberAsync(union)).Id);
        await MembershipApp.EventuallyAsync(() => Task.FromResult(Interlocked.Read(ref _recycles) > 0),
            "the relay opened a new connection after its publishes kept timing out", seconds: 90);
        Assert.Equal(3, await App.UnsentOutboxAsync());

        Proxy.Heal();
        await MembershipApp.EventuallyAsync(async () => await App.UnsentOutboxAsync() == 0, "the relay publishes on a new connection", seconds: 120);
        await MembershipApp.EventuallyAsync(() => App.WithDbAsync(async db =>
            await db.CoverageDeltas.Where(c => c.DistrictId == "gulou").SumAsync(c => c.Members) == 3), "the projection counted each member once", seconds: 60);
    }

    public override async Task DisposeAsync()
    {
        _meters?.Dispose();
        await base.DisposeAsync();
    }
}
