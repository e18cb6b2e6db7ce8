using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.Messaging;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 4: end-to-end lag at a steady rate. Members are enrolled with their MemberJoined (EF, outbox) on an open
/// loop at 1,000/s; the clock starts when SaveChanges (its commit) returns and stops when MassTransit reports the
/// coverage projection's Consume done, which is after the projection's transaction committed. Both instants come
/// from one process's monotonic clock. Cross-check from the database: inbox processed_at (stamped just before the
/// projection's transaction) minus the writer's wall-clock commit time. Baseline: raw publish→deliver at the same rate.
/// Writes in flight are capped (--lag-inflight, 64) below the service's connection pool (100): with 256 in flight the
/// writers held every pooled connection, the relay and the projection (same pool) waited behind them, and nothing was
/// delivered until the writers stopped (lag of the first events 17 s, of the last 6 s).
/// </summary>
public static class Lag
{
    public static async Task RunAsync(Bench b)
    {
        var (host, o, report, unionId, enterpriseId) = (b.Host, b.O, b.Report, b.Union, b.Enterprise);
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
        await Load.PacedAsync(o.LagRate, TimeSpan.FromSeconds(warmSeconds), o.LagInFlight, write);
        await Db.SettleAsync(host, o.PhaseLimit);

        // At the asked rate, then at a quarter of it: if the first is far worse, the lag is queueing (the machine is
        // saturated), not the pipeline's own latency.
        foreach (var rate in new[] { o.LagRate, Math.Max(1, o.LagRate / 4) })
        {
            committed.Clear();
            clock.Seen.Clear();
            var cpu0 = b.Cpu.Take();
            var (started, achieved) = await Load.PacedAsync(rate, TimeSpan.FromSeconds(o.LagSeconds), o.LagInFlight, write);
            var cpu = CpuMeter.PerOperation(cpu0, b.Cpu.Take(), started, "event");
            var all = await Load.UntilAsync(() => Task.FromResult(committed.Keys.All(clock.Seen.ContainsKey)), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
            var ordered = committed.OrderBy(c => c.Value.Ticks).ToList();
            Samples Lags(IEnumerable<KeyValuePair<Guid, (long Ticks, DateTimeOffset Wall)>> events)
            {
                var samples = new Samples(ordered.Count);
                foreach (var (id, at) in events)
                    if (clock.Seen.TryGetValue(id, out var seen)) samples.Add(Stopwatch.GetElapsedTime(at.Ticks, seen).TotalMilliseconds);
                return samples;
            }
            var lag = Lags(ordered);
            var (first, last) = (Lags(ordered.Take(ordered.Count / 5)), Lags(ordered.Skip(ordered.Count * 4 / 5)));
            var inbox = await InboxLagAsync(host, committed);
            var raw = await Broker.LatencyAsync(host.Broker, RelayDrain.MessageSize > 0 ? RelayDrain.MessageSize : 1024, rate, TimeSpan.FromSeconds(o.LagSeconds));
            report.Note($"4: at {rate:N0}/s: {started:N0} writes (≤ {o.LagInFlight} in flight), {achieved:N0}/s achieved; {lag.Count:N0} seen consumed{(all ? "" : " (some not within 60 s)")}; " +
                        $"p50 lag in the first fifth {first.Percentile(50):N0} ms, last fifth {last.Percentile(50):N0} ms; " +
                        $"cross-check commit→inbox processed_at p50 {inbox.Percentile(50):N1} / p99 {inbox.Percentile(99):N1} ms; {cpu}");
            report.Add(new Row($"4. commit→projection commit lag at {rate:N0} ev/s{(rate == o.LagRate ? "" : " (¼ rate, diagnostic)")}",
                Report.Ms(lag.Percentile(50), lag.Percentile(99)), Report.Ms(raw.Percentile(50), raw.Percentile(99)) + " raw publish→deliver",
                lag.Percentile(50) / raw.Percentile(50), rate == o.LagRate ? "p99 < 100 ms" : "—", rate == o.LagRate ? lag.Percentile(99) < 100 : null));
        }
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
