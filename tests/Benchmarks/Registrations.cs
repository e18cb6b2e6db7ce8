using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Api;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 1: a registration is POST /api/members (apply) then POST /api/members/{id}/approve, the path that makes
/// an active member and publishes MemberJoined; relay and consumers run as in production. Baseline: the same rows
/// (member, two history lines, outbox row) written with raw Npgsql in the same two transactions, one batched round
/// trip each and no reads, at the same concurrency: the database floor under the API.
/// </summary>
public static class Registrations
{
    public static readonly string JoinedType = $"{typeof(MemberJoined).FullName}, {typeof(MemberJoined).Assembly.GetName().Name}";

    public static async Task RunAsync(Bench b)
    {
        var (host, o, report, unionId, enterpriseId) = (b.Host, b.O, b.Report, b.Union, b.Enterprise);
        // Baseline first, relay stopped: its outbox rows are then marked sent so the relay never publishes them.
        await host.StopRelayAsync();
        var source = Db.Source(host);
        Func<Task> raw = () => RawRegistrationAsync(source, unionId, enterpriseId);
        await Load.ClosedLoopAsync(o.Clients, Math.Min(o.Warmup, 5_000), o.PhaseLimit, raw);
        var cpu0 = b.Cpu.Take();
        var baseline = await Load.ClosedLoopAsync(o.Clients, o.Registrations, o.PhaseLimit, raw);
        report.Note($"1: raw SQL baseline: {CpuMeter.PerOperation(cpu0, b.Cpu.Take(), baseline.Completed, "registration")}");
        await Db.ExecuteAsync(host, "UPDATE outbox_messages SET sent_at = now() WHERE sent_at IS NULL");

        await host.StartRelayAsync();
        using var http = host.Client(o.Clients);
        var register = Register(http, unionId, enterpriseId);
        var warm = await Load.ClosedLoopAsync(o.Clients, o.Warmup, o.PhaseLimit, register);
        report.Note($"1: warm-up {warm.Completed:N0} registrations ({warm.Completed * 2:N0} requests) in {warm.Elapsed.TotalSeconds:N0} s" +
                    (warm.Completed < o.Warmup ? " (cut short by the phase time limit)" : ""));
        await Db.SettleAsync(host, o.PhaseLimit);
        var cpu1 = b.Cpu.Take();
        var api = await Load.ClosedLoopAsync(o.Clients, o.Registrations, o.PhaseLimit, register);
        report.Note($"1: API: {CpuMeter.PerOperation(cpu1, b.Cpu.Take(), api.Completed, "registration")} (relay and projection included)");

        // Diagnostic pass, not part of the figures (listening to every SQL span costs a little CPU itself).
        using (var sql = new SqlTimer(httpOnly: true))
        {
            var probe = await Load.ClosedLoopAsync(o.Clients, Math.Max(200, o.Registrations / 10), o.PhaseLimit, register);
            report.Note($"1: diagnostic pass: per registration {sql.Commands / (double)probe.Completed:N1} SQL commands inside the requests " +
                        $"({sql.AllCommands / (double)probe.Completed:N1} counting the relay's and the projection's), " +
                        $"{sql.TotalMs / probe.Completed:N1} ms spent in them of a mean {probe.Latency.Mean:N1} ms; slowest: {sql.Top(4)}");
        }

        var figure = $"1. registrations/s, apply+approve over HTTP, {o.Clients} clients ({api.Completed:N0})";
        var ratio = api.PerSecond / baseline.PerSecond;
        report.Add(new Row(figure, Report.Rate(api.PerSecond, "reg/s"), Report.Rate(baseline.PerSecond, "reg/s raw SQL"), ratio, "≥ 0.60×", ratio >= 0.6));
        report.Add(new Row("1. registration latency at full load (closed loop)", Report.Ms(api.Latency.Percentile(50), api.Latency.Percentile(99)),
            Report.Ms(baseline.Latency.Percentile(50), baseline.Latency.Percentile(99)) + " raw", api.Latency.Percentile(50) / baseline.Latency.Percentile(50)));

        // What a district union feels on a busy day: an open loop at 60% of the rate just sustained.
        await Db.SettleAsync(host, o.PhaseLimit);
        var rate = api.PerSecond * 0.6;
        var seconds = Math.Max(10, o.Registrations / 2 / rate);
        var paced = new Samples((int)(rate * seconds) + 100);
        var (started, achieved) = await Load.PacedAsync(rate, TimeSpan.FromSeconds(seconds), o.Clients * 2, async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await register();
            paced.Add(clock.Elapsed.TotalMilliseconds);
        });
        var p99 = paced.Percentile(99);
        report.Note($"1: open loop at {rate:N0} reg/s (60% of sustained): {started:N0} started, {achieved:N0}/s achieved");
        report.Add(new Row($"1. registration latency at 60% of the sustained rate ({rate:N0} reg/s)", Report.Ms(paced.Percentile(50), p99),
            "—", double.NaN, "p99 < 50 ms", p99 < 50));
    }

    /// <summary>One registration as a district union makes it: apply, then approve.</summary>
    public static Func<Task> Register(HttpClient http, Guid unionId, Guid enterpriseId) => async () =>
    {
        var i = Random.Shared.Next();
        var applied = await Setup.Read<MemberView>(await http.PostAsJsonAsync("/api/members",
            new ApplyForMembership(Setup.NewNationalId(), Setup.Name(i), Setup.Phone(i), unionId, enterpriseId), Setup.Json));
        await Setup.Read<MemberView>(await http.PostAsync($"/api/members/{applied.Id}/approve", null));
    };

    // The same rows as the service stores: national ID and phone encrypted, the national ID's keyed hash beside them.
    private static readonly UnionPlatform.Kernel.Privacy.PersonalDataProtector Protector = UnionPlatform.Testing.TestPersonalData.Protector();

    private static async Task RawRegistrationAsync(NpgsqlDataSource source, Guid unionId, Guid enterpriseId)
    {
        var (id, now) = (Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var nationalId = Setup.NewNationalId();
        await using var connection = await source.OpenConnectionAsync();
        // A batch runs as one implicit transaction: one round trip per request, as the API's requests are one each.
        await using (var apply = new NpgsqlBatch(connection))
        {
            apply.BatchCommands.Add(Command("""
                INSERT INTO members (id, national_id, national_id_hash, name, phone, district_id, union_id, enterprise_id, status, applied_on)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Applied', $9)
                """, id, Protector.Protect(nationalId), Protector.Hash(nationalId), Setup.Name(0), Protector.Protect(Setup.Phone(0)),
                Setup.District, unionId, enterpriseId, today));
            apply.BatchCommands.Add(History(id, now, "Applied", unionId));
            await apply.ExecuteNonQueryAsync();
        }
        var joined = new MemberJoined
        {
            EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = Setup.District, CorrelationId = Guid.NewGuid(),
            MemberId = id, UnionId = unionId, EnterpriseId = enterpriseId, JoinedOn = today,
        };
        await using var approve = new NpgsqlBatch(connection);
        approve.BatchCommands.Add(Command("UPDATE members SET status = 'Active', joined_on = $2, dues_paid_through = $2 WHERE id = $1", id, today));
        approve.BatchCommands.Add(History(id, now, "Joined", unionId));
        var outbox = Command("""
            INSERT INTO outbox_messages (message_id, message_type, body, partition_key, correlation_id, created_at, attempts)
            VALUES ($1, $2, $3, $4, $5, $6, 0)
            """, joined.EventId, JoinedType, JsonSerializer.Serialize(joined, Setup.Json), id.ToString(), joined.CorrelationId, now);
        outbox.Parameters[2].NpgsqlDbType = NpgsqlDbType.Jsonb;
        approve.BatchCommands.Add(outbox);
        await approve.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand History(Guid memberId, DateTimeOffset now, string change, Guid unionId) => Command(
        "INSERT INTO member_history (id, member_id, occurred_at, change, union_id, district_id) VALUES ($1, $2, $3, $4, $5, $6)",
        Guid.CreateVersion7(now), memberId, now, change, unionId, Setup.District);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
