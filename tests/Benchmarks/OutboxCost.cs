using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.Messaging;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 2: what the outbox adds to a write. The same domain write (an enrolled member: its row and two history
/// rows, through the service's pooled DbContext and one SaveChanges) with and without OutboxWriter.Publish of its
/// MemberJoined. The relay is stopped so only the write path is measured. Variants alternate over two rounds after a
/// warm-up, so drift in the machine's load hits both alike.
/// </summary>
public static class OutboxCost
{
    public static async Task RunAsync(Bench bench)
    {
        var (host, o, report, unionId, enterpriseId) = (bench.Host, bench.O, bench.Report, bench.Union, bench.Enterprise);
        await host.StopRelayAsync();
        var union = await WithDb(host, db => db.Organisations.AsNoTracking().SingleAsync(u => u.Id == unionId));
        Func<Task> Write(bool withOutbox) => () => WithDb(host, async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var member = Member.Enrol(Guid.CreateVersion7(now), Setup.NewNationalId(), Setup.Name(1), Setup.Phone(1), union, enterpriseId,
                DateOnly.FromDateTime(now.UtcDateTime), now);
            db.Members.Add(member);
            if (withOutbox) db.Publish(MemberEvents.Joined(member, Guid.NewGuid(), now), member.Id);
            return await db.SaveChangesAsync();
        });

        var warm = Math.Max(1_000, o.OutboxWrites / 4);
        await Load.ClosedLoopAsync(o.Writers, warm, o.PhaseLimit, Write(false));
        await Load.ClosedLoopAsync(o.Writers, warm, o.PhaseLimit, Write(true));
        var (plain, outbox) = ((Count: 0, Seconds: 0.0), (Count: 0, Seconds: 0.0));
        async Task<(Run Run, string Cpu)> Measure(bool withOutbox)
        {
            var cpu0 = bench.Cpu.Take();
            var run = await Load.ClosedLoopAsync(o.Writers, o.OutboxWrites, o.PhaseLimit, Write(withOutbox));
            return (run, CpuMeter.PerOperation(cpu0, bench.Cpu.Take(), run.Completed, "tx"));
        }
        for (var round = 0; round < 2; round++)
        {
            // Round 1 runs without-then-with, round 2 the other way round, so neither always comes second.
            var (a, b) = round == 0 ? (await Measure(false), await Measure(true)) : Swap(await Measure(true), await Measure(false));
            plain = (plain.Count + a.Run.Completed, plain.Seconds + a.Run.Elapsed.TotalSeconds);
            outbox = (outbox.Count + b.Run.Completed, outbox.Seconds + b.Run.Elapsed.TotalSeconds);
            report.Note($"2: round {round + 1}: {a.Run.PerSecond:N0} tx/s without, {b.Run.PerSecond:N0} tx/s with the outbox row " +
                        $"(p50 {a.Run.Latency.Percentile(50):N1} vs {b.Run.Latency.Percentile(50):N1} ms); without: {a.Cpu}; with: {b.Cpu}");
        }
        var (without, with) = (plain.Count / plain.Seconds, outbox.Count / outbox.Seconds);
        var cost = without / with;
        report.Add(new Row($"2. member insert tx/s with outbox row, {o.Writers} writers", Report.Rate(with, "tx/s"),
            Report.Rate(without, "tx/s without"), cost, "≤ 1.15× (without/with)", cost <= 1.15));
    }

    private static (T, T) Swap<T>(T first, T second) => (second, first);

    public static async Task<T> WithDb<T>(BenchHost host, Func<MembershipDbContext, Task<T>> work)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MembershipDbContext>());
    }
}
