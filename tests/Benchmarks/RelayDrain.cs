using System.Diagnostics;
using RabbitMQ.Client;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Messaging;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 3: the relay draining a backlog vs raw publishing. The backlog is staged with the relay stopped (binary
/// COPY through OutboxBulkWriter, as a roster import stages it); then the relay starts and we time until no row is
/// unsent. So that both sides do the same broker work, MemberJoined's exchange is re-pointed for the duration from
/// the coverage consumer's exchange to a durable sink queue nobody consumes: the relay's messages and the raw ones
/// take the same route (same exchange, same queue, persistent, confirmed), and the projection does not compete for CPU.
/// The raw messages are byte-for-byte copies of one the relay published (same body, same properties).
/// </summary>
public static class RelayDrain
{
    private const string Sink = "bench-sink";

    /// <summary>One relayed message's size, for scenario 4's raw baseline; 0 until this scenario ran.</summary>
    public static int MessageSize { get; private set; }

    public static async Task RunAsync(Bench bench)
    {
        var (host, broker, o, report, unionId, enterpriseId) = (bench.Host, bench.Broker, bench.O, bench.Report, bench.Union, bench.Enterprise);
        await host.StopRelayAsync();
        var bindings = (await broker.BindingsAsync(host.VirtualHost))
            .Where(b => b.DestinationType == "exchange" && b.Source.Contains("MemberJoined", StringComparison.OrdinalIgnoreCase)).ToList();
        if (bindings.Count == 0) throw new InvalidOperationException("Found no MemberJoined exchange binding in the service's virtual host.");
        var exchange = bindings[0].Source;

        await using var connection = await Broker.ConnectAsync(host.Broker, "bench-topology");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(Sink, durable: true, exclusive: false, autoDelete: false);
        foreach (var b in bindings) await channel.ExchangeUnbindAsync(b.Destination, b.Source, b.RoutingKey);
        await channel.QueueBindAsync(Sink, exchange, "");
        try
        {
            // Warm-up: a small drain through the relay, and a sample of what it published.
            var warm = Math.Min(5_000, o.Backlog / 5);
            await StageAsync(host, warm, unionId, enterpriseId);
            await DrainAsync(host, o);
            var sample = await channel.BasicGetAsync(Sink, autoAck: true) ?? throw new InvalidOperationException("The sink queue got nothing.");
            var (body, properties) = (sample.Body.ToArray(), new BasicProperties(sample.BasicProperties));
            MessageSize = body.Length;
            await channel.QueuePurgeAsync(Sink);

            await Broker.PublishAsync(host.Broker, exchange, body, properties, warm, 1_000, o.PhaseLimit);
            await channel.QueuePurgeAsync(Sink);

            // Two rounds, raw then relay: on a shared machine one short run of each is too noisy to compare.
            var (rawSent, rawSeconds, relaySeconds) = (0, 0.0, 0.0);
            for (var round = 1; round <= 2; round++)
            {
                var cpu0 = bench.Cpu.Take();
                var raw = await Broker.PublishAsync(host.Broker, exchange, body, properties, o.Backlog, 1_000, o.PhaseLimit);
                var rawCpu = CpuMeter.PerOperation(cpu0, bench.Cpu.Take(), raw.Completed, "message");
                await channel.QueuePurgeAsync(Sink);

                var staged = await StageAsync(host, o.Backlog, unionId, enterpriseId);
                var cpu1 = bench.Cpu.Take();
                var elapsed = await DrainAsync(host, o);
                var relayCpu = CpuMeter.PerOperation(cpu1, bench.Cpu.Take(), o.Backlog, "message");
                var arrived = await channel.MessageCountAsync(Sink);
                await channel.QueuePurgeAsync(Sink);
                (rawSent, rawSeconds, relaySeconds) = (rawSent + raw.Completed, rawSeconds + raw.Elapsed.TotalSeconds, relaySeconds + elapsed.TotalSeconds);
                report.Note($"3: round {round}: raw {raw.PerSecond:N0} msg/s, {rawCpu}; relay {o.Backlog / elapsed.TotalSeconds:N0} msg/s " +
                            $"({arrived:N0} reached the sink; staged by COPY in {staged.TotalSeconds:N1} s), {relayCpu}");
            }
            report.Note($"3: message {body.Length:N0} bytes; the raw publisher keeps 1,000 confirms outstanding; the relay reads batches of " +
                        "Messaging:Outbox:BatchSize rows and awaits up to MaxPublishConcurrency publishes at once (defaults 1,000 and 128)");
            var (relayRate, rawRate) = (2 * o.Backlog / relaySeconds, rawSent / rawSeconds);
            var ratio = relayRate / rawRate;
            report.Add(new Row($"3. relay drain of {o.Backlog:N0}-event backlog", Report.Rate(relayRate, "msg/s"),
                Report.Rate(rawRate, "msg/s raw confirms"), ratio, "≥ 0.85× raw", ratio >= 0.85));
        }
        finally
        {
            await host.StopRelayAsync();
            await channel.QueueDeleteAsync(Sink);
            foreach (var b in bindings) await channel.ExchangeBindAsync(b.Destination, b.Source, b.RoutingKey);
        }
    }

    /// <summary>Stages <paramref name="count"/> MemberJoined rows (on top of any unsent ones) with one binary COPY; returns the time it took.</summary>
    private static async Task<TimeSpan> StageAsync(BenchHost host, int count, Guid unionId, Guid enterpriseId)
    {
        var clock = Stopwatch.StartNew();
        var missing = count - (int)await Db.UnsentAsync(host);
        var now = DateTimeOffset.UtcNow;
        var correlation = Guid.NewGuid();
        var events = Enumerable.Range(0, Math.Max(0, missing)).Select(_ =>
        {
            var member = Guid.CreateVersion7(now);
            return (new MemberJoined
            {
                EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = Setup.District, CorrelationId = correlation,
                MemberId = member, UnionId = unionId, EnterpriseId = enterpriseId, JoinedOn = DateOnly.FromDateTime(now.UtcDateTime),
            }, member.ToString());
        });
        await using var connection = await Db.Source(host).OpenConnectionAsync();
        await OutboxBulkWriter.CopyAsync(connection, events, null, null, CancellationToken.None);
        return clock.Elapsed;
    }

    /// <summary>Starts the relay and waits (bounded) until nothing is unsent; stops it again.</summary>
    private static async Task<TimeSpan> DrainAsync(BenchHost host, Options o)
    {
        var clock = Stopwatch.StartNew();
        await host.StartRelayAsync();
        var drained = await Load.UntilAsync(async () => await Db.UnsentAsync(host) == 0, o.PhaseLimit, TimeSpan.FromMilliseconds(50));
        var elapsed = clock.Elapsed;
        await host.StopRelayAsync();
        if (!drained) throw new TimeoutException($"The relay did not drain the backlog within {o.PhaseLimit}.");
        return elapsed;
    }
}
