using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Tests.Support;

namespace UnionPlatform.Membership.Tests.Messaging;

/// <summary>The broker goes away while members are written, and comes back: every event arrives, none twice.</summary>
public sealed class BrokerOutageTests : ProxiedBroker
{
    [Fact]
    public async Task Events_written_while_the_broker_is_down_are_published_when_it_returns()
    {
        var world = await World.CreateAsync(App.Admin(), "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        await MembershipApp.EventuallyAsync(async () => await App.UnsentOutboxAsync() == 0, "the relay drained before the outage");

        Proxy.Stop();
        var members = new List<Guid>();
        for (var i = 0; i < 5; i++) members.Add((await world.ActiveMemberAsync(union)).Id);
        // Positive evidence that the relay tried and failed: every waiting row carries the error of an attempt.
        await MembershipApp.EventuallyAsync(() => App.WithDbAsync(db => db.OutboxMessages.Where(m => m.SentAt == null).AllAsync(m => m.LastError != null)),
            "the relay tried to publish during the outage", seconds: 60);
        Assert.Equal(5, await App.UnsentOutboxAsync());

        Proxy.Start();
        // MassTransit reconnects with growing intervals; on a loaded CI machine the first successful reconnect can take a minute.
        await MembershipApp.EventuallyAsync(async () => await App.UnsentOutboxAsync() == 0, "the relay publishes the backlog", seconds: 150);
        await MembershipApp.EventuallyAsync(() => App.WithDbAsync(async db =>
            await db.CoverageDeltas.Where(c => c.DistrictId == "gulou").SumAsync(c => c.Members) == 5), "the projection counted each member once", seconds: 60);
    }
}
