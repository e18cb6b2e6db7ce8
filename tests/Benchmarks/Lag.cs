using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.ServiceDefaults.Messaging;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 4: end-to-end lag at a steady rate. Members are enrolled with their MemberJoined (EF, outbox) on an open
/// loop at 1,000/s; the clock starts when SaveChanges (its commit) returns and stops when MassTransit reports the
/// coverage projection's Consume done, which is after the projection's transaction committed. Both instants come
/// from one process's monotonic clock. Cross-check from the database: inbox processed_at (stamped just before the
/// projection's transaction) minus the writer's wall-clock commit time. Baseline: raw publish→deliver at the same rate.
/// </summary>
public static class Lag
{
    public static async Task RunAsync(BenchHost host, Options o, Report report, Guid unionId, Guid enterpriseId)
    {
        await host.StartRelayAsync();
        var union = await OutboxCost.WithDb(host, db => db.Organisations.AsNoTracking().SingleAsync(u => u.Id == unionId));
        var clock = new ConsumeClock();
        using var observer = host.Bus.ConnectConsumeObserver(clock);
        var committed = new ConcurrentDictionary<Guid, (long Ticks, DateTimeOffset Wall)>();
        Func<Task> write = () => OutboxCost.WithDb(host, async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var member = Member.Enrol(Guid.CreateVersion7(now), Setup.NewNationalId(), Setup.Name(2), Setup.Phone(2), union, enterpriseId,
                DateOnly.FromDateTime(now.UtcDateTime), now);
            db.Members.Add(member);
            var joined = MemberEvents.Joined(member, Guid.NewGuid(), now);
            db.Publish(joined, member.Id);
            var rows = await db.SaveChangesAsync();
            committed[joined.EventId] = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
            return rows;
        });

        var warmSeconds = o.Quick ? 2 : 5;
        await Load.PacedAsync(o.LagRate, TimeSpan.FromSeconds(warmSeconds), 256, write);
        await Db.SettleAsync(host, o.PhaseLimit);
        committed.Clear();
        clock.Seen.Clear();

        var (started, achieved) = await Load.PacedAsync(o.LagRate, TimeSpan.FromSeconds(o.LagSeconds), 256, write);
        var all = await Load.UntilAsync(() => Task.FromResult(committed.Keys.All(clock.Seen.ContainsKey)), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
        var lag = new Samples(committed.Count);
        foreach (var (id, at) in committed)
            if (clock.Seen.TryGetValue(id, out var seen)) lag.Add(Stopwatch.GetElapsedTime(at.Ticks, seen).TotalMilliseconds);

        var inbox = await InboxLagAsync(host, committed);
        var raw = await Broker.LatencyAsync(host.Broker, RelayDrain.MessageSize > 0 ? RelayDrain.MessageSize : 1024, o.LagRate, TimeSpan.FromSeconds(o.LagSeconds));
        report.Note($"4: {started:N0} writes at {achieved:N0}/s achieved (target {o.LagRate:N0}/s); {lag.Count:N0} observed consumed" +
                    (all ? "" : " (some never arrived within 60 s)") +
                    $"; cross-check commit→inbox processed_at: p50 {inbox.Percentile(50):N1} / p99 {inbox.Percentile(99):N1} ms");
        report.Add(new Row($"4. commit→projection commit lag at {o.LagRate:N0} ev/s", Report.Ms(lag.Percentile(50), lag.Percentile(99)),
            Report.Ms(raw.Percentile(50), raw.Percentile(99)) + " raw publish→deliver", lag.Percentile(50) / raw.Percentile(50)));
    }

    private static async Task<Samples> InboxLagAsync(BenchHost host, ConcurrentDictionary<Guid, (long Ticks, DateTimeOffset Wall)> committed)
    {
        var samples = new Samples(committed.Count);
        await using var command = Db.Source(host).CreateCommand(
            "SELECT message_id, processed_at FROM inbox_messages WHERE consumer = 'MemberJoinedCoverage' AND message_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = committed.Keys.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            samples.Add((reader.GetFieldValue<DateTimeOffset>(1) - committed[reader.GetGuid(0)].Wall).TotalMilliseconds);
        return samples;
    }

    /// <summary>Notes when each MemberJoined's consume finished (batch consumers: when the batch's transaction committed).</summary>
    private sealed class ConsumeClock : IConsumeObserver
    {
        public ConcurrentDictionary<Guid, long> Seen { get; } = new();

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            var now = Stopwatch.GetTimestamp();
            if (context.Message is Batch<MemberJoined> batch)
                foreach (var message in batch) { if (message.MessageId is { } id) Seen.TryAdd(id, now); }
            else if (context.Message is MemberJoined && context.MessageId is { } single) Seen.TryAdd(single, now);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
