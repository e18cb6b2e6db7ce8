using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.Messaging;

namespace UnionPlatform.Membership.Tests.Messaging;

/// <summary>The service with its background relay off: each test drives relay rounds itself and watches what they publish.</summary>
public sealed class QuietRelayApp : MembershipApp
{
    public QuietRelayApp() => Settings["Messaging:Outbox:RelayEnabled"] = "false";

    public OutboxRelay<MembershipDbContext> Relay => Services.GetRequiredService<OutboxRelay<MembershipDbContext>>();

    /// <summary>The message ids the relay published, in the order it published them.</summary>
    public List<Guid> PublishedIds() => Activities.Where(a => a.OperationName.StartsWith("outbox relay ", StringComparison.Ordinal))
        .OrderBy(a => a.StartTimeUtc).Select(a => Guid.Parse((string)a.GetTagItem("messaging.message.id")!.ToString()!)).ToList();
}

public class RelayTests(QuietRelayApp app) : IClassFixture<QuietRelayApp>
{
    private static OrganisationDissolved Event(Guid organisation) => new()
    {
        EventId = Guid.CreateVersion7(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "gulou", CorrelationId = Guid.NewGuid(),
        OrganisationId = organisation, Outcome = "Dissolved",
    };

    // Transaction ids, and so the snapshot's xmin, are cluster-wide: a transaction of a test running in parallel (in
    // another database) can hold rows back for a moment. Rounds are driven until the outcome, never for a fixed count.
    private async Task RelayUntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out relaying until {what}.");
            if ((await app.Relay.RelayBatchAsync(CancellationToken.None)).Read == 0) await Task.Delay(20);
        }
    }

    private Task DrainAsync() => RelayUntilAsync(async () => await UnsentAsync() == 0, "nothing waits");

    private Task<int> UnsentAsync() => app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null && m.ParkedAt == null));

    private async Task<Guid> StageAsync(MembershipDbContext db, Guid partition)
    {
        var e = Event(partition);
        db.Publish(e, partition);
        await db.SaveChangesAsync();
        return e.EventId;
    }

    [Fact]
    public async Task A_transaction_that_commits_out_of_id_order_is_waited_for_so_its_aggregate_keeps_its_order()
    {
        await DrainAsync();
        var aggregate = Guid.NewGuid();
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var (db1, db2) = (first.ServiceProvider.GetRequiredService<MembershipDbContext>(), second.ServiceProvider.GetRequiredService<MembershipDbContext>());

        await using var tx1 = await db1.Database.BeginTransactionAsync();
        var earlier = await StageAsync(db1, aggregate); // the lower id, still uncommitted
        Guid later;
        await using (var tx2 = await db2.Database.BeginTransactionAsync())
        {
            later = await StageAsync(db2, aggregate);
            await tx2.CommitAsync(); // commits first, with the higher id
        }
        var whileOpen = await app.Relay.RelayBatchAsync(CancellationToken.None);
        Assert.Equal((true, 0), (whileOpen.Leader, whileOpen.Read)); // read nothing: it would have overtaken the open one

        await tx1.CommitAsync();
        await DrainAsync();
        // Only this test's two events: the listener also hears relays of other test classes running in parallel.
        var published = app.PublishedIds().Where(id => id == earlier || id == later).ToList();
        Assert.Equal([earlier, later], published);
    }

    [Fact]
    public async Task Poison_rows_are_parked_at_once_without_holding_up_other_aggregates_and_come_back_when_re_driven()
    {
        await DrainAsync();
        var (poisoned, healthy) = (Guid.NewGuid(), Guid.NewGuid());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        // A thousand poison rows at the head of the line, each its own aggregate (a contract that no longer exists).
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO outbox_messages (message_id, message_type, body, partition_key, correlation_id, created_at, attempts)
            SELECT gen_random_uuid(), 'UnionPlatform.Contracts.Gone, UnionPlatform.Contracts', '{{}}', 'poison-' || n, gen_random_uuid(), now(), 0
            FROM generate_series(1, 1000) AS n
            """);
        await StageAsync(db, poisoned);
        var held = await StageAsync(db, poisoned);       // later event of the same aggregate: must wait for the first
        var other = await StageAsync(db, healthy);
        await db.OutboxMessages.Where(m => m.PartitionKey == poisoned.ToString() && m.MessageId != held)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.MessageType, "urn:message:unionplatform:membership:no-such-event:v1"));

        // Before parking, 1,000 poison rows at the head backed the whole relay off and kept it from ever reaching the rest.
        await RelayUntilAsync(() => SentAsync(other), "the healthy aggregate behind 1,000 poison rows is published");
        Assert.False(await SentAsync(held));
        var parked = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ParkedAt != null && m.SentAt == null).ToListAsync());
        Assert.Equal(1001, parked.Count);
        Assert.All(parked, m => Assert.Contains("No contract answers to", m.LastError));
        Assert.Equal(1001, (await app.Services.GetRequiredService<OutboxMonitor<MembershipDbContext>>().MeasureAsync(CancellationToken.None)).Parked);

        // Ops see them and, once the contract exists again (here: the row is fixed), put them back in line.
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.PartitionKey.StartsWith("poison-")).ExecuteDeleteAsync());
        var listed = await World.Read<List<ParkedRow>>(await app.Admin().GetAsync("/ops/outbox/parked?limit=1000"));
        var poisonRow = Assert.Single(listed, r => r.PartitionKey == poisoned.ToString());
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == poisonRow.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.MessageType, MessageTypes.NameOf(typeof(OrganisationDissolved)))));
        var redriven = await World.Read<RedriveResult>(await app.Admin().PostAsJsonAsync("/ops/outbox/parked/redrive", new RedriveParked([poisonRow.Id])));
        Assert.Equal(1, redriven.Moved);
        await RelayUntilAsync(() => SentAsync(held), "the held event follows its re-driven predecessor");
        var order = app.PublishedIds();
        Assert.True(order.IndexOf(poisonRow.MessageId) < order.IndexOf(held));
    }

    private Task<bool> SentAsync(Guid messageId) => app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.MessageId == messageId && m.SentAt != null));

    [Fact]
    public async Task A_row_stored_under_its_old_clr_type_name_is_still_published()
    {
        await DrainAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var id = await StageAsync(db, Guid.NewGuid());
        await db.OutboxMessages.Where(m => m.MessageId == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.MessageType,
            $"{typeof(OrganisationDissolved).FullName}, {typeof(OrganisationDissolved).Assembly.GetName().Name}"));
        await RelayUntilAsync(() => SentAsync(id), "the old-named row is published");
    }

    [Fact]
    public async Task Two_relays_on_one_database_publish_each_row_once()
    {
        await DrainAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var ids = new List<Guid>();
        for (var i = 0; i < 300; i++) ids.Add(await StageAsync(db, Guid.NewGuid()));
        var rounds = new ConcurrentBag<RelayRound>();
        // A second relay instance on the same database, as another replica would run.
        var second = ActivatorUtilities.CreateInstance<OutboxRelay<MembershipDbContext>>(app.Services);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(n => Task.Run(async () =>
        {
            var relay = n == 0 ? app.Relay : second;
            for (var i = 0; i < 20; i++) rounds.Add(await relay.RelayBatchAsync(CancellationToken.None));
        })));
        await DrainAsync();
        var published = app.PublishedIds().Where(ids.Contains).ToList(); // a duplicate publish would show twice
        Assert.Equal(300, published.Count);
        Assert.Equal(300, published.Distinct().Count());
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.Where(m => ids.Contains(m.MessageId)).AllAsync(m => m.SentAt != null)));
    }

    [Fact]
    public async Task Cleanup_removes_sent_rows_and_processed_inbox_rows_past_their_retention_only()
    {
        await DrainAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var (old, recent) = (await StageAsync(db, Guid.NewGuid()), await StageAsync(db, Guid.NewGuid()));
        await DrainAsync();
        await db.OutboxMessages.Where(m => m.MessageId == old).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, DateTimeOffset.UtcNow.AddDays(-8)));
        var (oldInbox, recentInbox) = (Guid.NewGuid(), Guid.NewGuid());
        await db.Database.ExecuteSqlAsync($"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({oldInbox}, 'test', {DateTimeOffset.UtcNow.AddDays(-31)}), ({recentInbox}, 'test', {DateTimeOffset.UtcNow})");

        await app.Relay.CleanupNowAsync(CancellationToken.None);

        Assert.False(await db.OutboxMessages.AnyAsync(m => m.MessageId == old));
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.MessageId == recent));
        Assert.Equal([recentInbox], await db.InboxMessages.Where(m => m.Consumer == "test").Select(m => m.MessageId).ToListAsync());
    }
}
