using UnionPlatform.Membership.UseCases;
using System.Diagnostics;
using System.Net.Http.Headers;
using Npgsql;
using NpgsqlTypes;
using UnionPlatform.Membership.Data;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 5: a roster CSV through POST /api/unions/{id}/roster, timed from sending the request to the report
/// (parse, validate, COPY to staging, insert members/history, COPY outbox rows, commit). Baseline: raw Npgsql binary
/// COPY of the same rows, typed as the import's staging table, into a scratch temp table on the same server.
/// The relay runs, but only wakes at commit, so it does not overlap the timed request.
/// </summary>
public static class Import
{
    public static async Task RunAsync(Bench b)
    {
        var (host, o, report, district) = (b.Host, b.O, b.Report, b.District);
        await host.StartRelayAsync();
        using var http = host.Client(1, TimeSpan.FromMinutes(10));
        var (unionId, _) = await Setup.UnionAsync(http, district);

        var warm = Setup.Roster(Math.Min(5_000, o.RosterRows / 5));
        await PostAsync(http, unionId, warm.Csv, warm.Rows.Count);
        await RawCopyAsync(host, warm.Rows);
        await Db.SettleAsync(host, o.PhaseLimit);

        var roster = Setup.Roster(o.RosterRows);
        var cpu0 = b.Cpu.Take();
        var sql = new SqlTimer(httpOnly: false);
        var api = await PostAsync(http, unionId, roster.Csv, o.RosterRows);
        sql.Dispose();
        report.Note($"5: import request {api.TotalSeconds:N1} s: {CpuMeter.PerOperation(cpu0, b.Cpu.Take(), o.RosterRows / 1000, "1,000 rows")}");
        report.Note($"5: SQL in the request: {sql.TotalMs / 1000:N1} s; {sql.Top(6)}");
        var raw = await RawCopyAsync(host, roster.Rows);

        var drain = Stopwatch.StartNew();
        var settled = await Db.SettleAsync(host, o.PhaseLimit);
        report.Note($"5: CSV {roster.Csv.Length / 1e6:N1} MB; afterwards the relay and the coverage projection absorbed the " +
                    $"{o.RosterRows:N0} MemberJoined events in {drain.Elapsed.TotalSeconds:N1} s{(settled ? "" : " (not settled: phase limit)")}");
        var (apiRate, rawRate) = (o.RosterRows / api.TotalSeconds, o.RosterRows / raw.TotalSeconds);
        report.Add(new Row($"5. roster import, {o.RosterRows:N0} rows via HTTP", Report.Rate(apiRate, "rows/s"),
            Report.Rate(rawRate, "rows/s raw COPY"), apiRate / rawRate, "≥ 0.25× and ≥ 50,000 rows/s", apiRate / rawRate >= 0.25 && apiRate >= 50_000));
    }

    private static async Task<TimeSpan> PostAsync(HttpClient http, Guid unionId, byte[] csv, int expected)
    {
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        var clock = Stopwatch.StartNew();
        var result = await Setup.Read<ImportReport>(await http.PostAsync($"/api/unions/{unionId}/roster", content));
        var elapsed = clock.Elapsed;
        if (result.Imported != expected) throw new InvalidOperationException($"Imported {result.Imported} of {expected}: {string.Join("; ", result.Errors.Take(3))}");
        return elapsed;
    }

    // The staged values as the import writes them: national ID and phone encrypted, the keyed hash beside them.
    private static readonly UnionPlatform.Kernel.Privacy.PersonalDataProtector Protector = UnionPlatform.Testing.TestPersonalData.Protector();

    private static async Task<TimeSpan> RawCopyAsync(BenchHost host, List<(string NationalId, string Name, string Phone)> rows)
    {
        await using var connection = await Db.Source(host).OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE raw_rows (row_number int, id uuid, national_id text, national_id_hash bytea, name text, phone text, enterprise_id uuid, joined_on date)
            """, connection)) await create.ExecuteNonQueryAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var clock = Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY raw_rows (row_number, id, national_id, national_id_hash, name, phone, enterprise_id, joined_on) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(i + 2, NpgsqlDbType.Integer);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(Protector.Protect(rows[i].NationalId), NpgsqlDbType.Text);
                await copy.WriteAsync(Protector.Hash(rows[i].NationalId), NpgsqlDbType.Bytea);
                await copy.WriteAsync(rows[i].Name, NpgsqlDbType.Text);
                await copy.WriteAsync(Protector.Protect(rows[i].Phone), NpgsqlDbType.Text);
                await copy.WriteNullAsync();
                await copy.WriteAsync(today, NpgsqlDbType.Date);
            }
            await copy.CompleteAsync();
        }
        var elapsed = clock.Elapsed;
        await using (var drop = new NpgsqlCommand("DROP TABLE raw_rows", connection)) await drop.ExecuteNonQueryAsync();
        return elapsed;
    }
}
