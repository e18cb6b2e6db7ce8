using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Data;
using UnionPlatform.Seeds;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 6: GET /api/coverage (city admin: the city and every district) on a database seeded with the demo city
/// at a given size, one client, sequential requests after a warm-up. Baseline: a raw `SELECT 1` round trip on the
/// service's own data source. The seeded tables are VACUUM ANALYZEd first so the figures are the steady state, not
/// autovacuum catching up with a bulk load.
/// </summary>
public static class Coverage
{
    public static async Task RunAsync(Bench b, int members)
    {
        var (host, o, report) = (b.Host, b.O, b.Report);
        var seeding = Stopwatch.StartNew();
        var city = DemoCity.Create(new DemoCityOptions { Members = members });
        var rows = await OutboxCost.WithDb(host, db =>
        {
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15)); // the set-based INSERT ... SELECT of 2M history rows
            return DemoCitySeeder.LoadAsync(db, city, CancellationToken.None);
        });
        var seeded = seeding.Elapsed;
        await Db.ExecuteAsync(host, "VACUUM ANALYZE");
        var deltas = await Db.ScalarAsync(host, "SELECT count(*) FROM coverage_deltas");
        report.Note($"6: {members:N0} members seeded ({rows:N0} rows by COPY + derived history/coverage) in {seeded.TotalSeconds:N0} s; " +
                    $"vacuum {(seeding.Elapsed - seeded).TotalSeconds:N0} s; coverage_deltas has {deltas:N0} rows");

        using var http = host.Client();
        Func<Task> coverage = async () =>
        {
            using var response = await http.GetAsync("/api/coverage");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
        };
        var source = Db.Source(host);
        Func<Task> selectOne = async () =>
        {
            await using var command = source.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync();
        };
        var warm = Math.Max(100, o.CoverageRequests / 5);
        await Load.ClosedLoopAsync(1, warm, o.PhaseLimit, coverage);
        await Load.ClosedLoopAsync(1, warm, o.PhaseLimit, selectOne);
        var cpu0 = b.Cpu.Take();
        var api = await Load.ClosedLoopAsync(1, o.CoverageRequests, o.PhaseLimit, coverage);
        var cpu = CpuMeter.PerOperation(cpu0, b.Cpu.Take(), api.Completed, "request");
        using (var sql = new SqlTimer(httpOnly: true))
        {
            var probe = await Load.ClosedLoopAsync(1, Math.Max(50, o.CoverageRequests / 10), o.PhaseLimit, coverage);
            report.Note($"6: at {members:N0}: {cpu}; diagnostic pass: SQL {sql.TotalMs / probe.Completed:N2} ms of a mean {probe.Latency.Mean:N2} ms per request");
        }
        var raw = await Load.ClosedLoopAsync(1, o.CoverageRequests, o.PhaseLimit, selectOne);
        report.Add(new Row($"6. GET /api/coverage at {members:N0} members ({api.Completed:N0} req)", Report.Ms(api.Latency.Percentile(50), api.Latency.Percentile(99)),
            Report.Ms(raw.Latency.Percentile(50), raw.Latency.Percentile(99)) + " SELECT 1", api.Latency.Percentile(50) / raw.Latency.Percentile(50)));
    }
}
