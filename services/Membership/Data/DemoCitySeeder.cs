using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.Messaging.Data;
using NpgsqlTypes;
using UnionPlatform.Seeds;

namespace UnionPlatform.Membership.Data;

/// <summary>
/// Loads the demo city (seeds/DemoCity) with binary COPY, in one transaction, and derives the coverage read model
/// from what was loaded. Only when configuration asks (Seed:Enabled, which the AppHost sets for the demo; off by
/// default), and only into an empty database: one holding any organisation, enterprise or member is left alone,
/// so demo people can never mix with real ones. Seed rows publish no events: they are the starting state.
/// </summary>
public sealed partial class DemoCitySeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoCitySeeder> logger) : IHostedService
{
    public const string CityDistrictId = "city";

    public async Task StartAsync(CancellationToken ct)
    {
        var members = configuration.GetValue("Seed:Members", 200_000);
        if (!configuration.GetValue("Seed:Enabled", false) || members < 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        if (await HoldsDataAsync(db, ct))
        {
            LogNotEmpty(logger);
            return;
        }

        var watch = Stopwatch.StartNew();
        var loaded = await LoadAsync(db, DemoCity.Create(new DemoCityOptions { Members = members }), ct);
        LogSeeded(logger, loaded, watch.Elapsed.TotalSeconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static async Task<bool> HoldsDataAsync(MembershipDbContext db, CancellationToken ct) =>
        await db.Organisations.AnyAsync(ct) || await db.Enterprises.AnyAsync(ct) || await db.Members.AnyAsync(ct);

    public static async Task<long> LoadAsync(MembershipDbContext db, DemoCity city, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Serialise concurrent first starts (two replicas): the loser waits, then finds the data and skips.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE organisations IN EXCLUSIVE MODE", ct);
        if (await HoldsDataAsync(db, ct)) return 0;

        var loaded = 0UL;
        var organisations = city.Organisations.OrderBy(o => o.ParentId is null ? 0 : o.Kind == SeedValues.District ? 1 : 2);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY organisations (id, name, kind, parent_id, district_id, state, term_years, term_started_on, has_committee, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            copy.Timeout = db.BulkCopyTimeout();
            foreach (var o in organisations)
            {
                await copy.WriteRowAsync(ct, o.Id, o.Name, o.Kind, o.ParentId, o.DistrictId.Length == 0 ? CityDistrictId : o.DistrictId, "Active",
                    o.TermYears, TermStart(o, city.Options.ReferenceDate), o.HasCommittee, new DateTimeOffset(o.EstablishedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            }
            loaded += await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY enterprises (id, credit_code, name, district_id, industry, headcount, union_id, registered_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            copy.Timeout = db.BulkCopyTimeout();
            foreach (var e in city.Enterprises)
                await copy.WriteRowAsync(ct, e.Id, e.CreditCode, e.Name, e.DistrictId, e.Industry, e.Headcount, e.UnionId,
                    new DateTimeOffset(city.Options.ReferenceDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            loaded += await copy.CompleteAsync(ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY members (id, national_id, national_id_hash, name, phone, district_id, union_id, enterprise_id, status, applied_on, joined_on, dues_paid_through) FROM STDIN (FORMAT BINARY)", ct))
        {
            copy.Timeout = db.BulkCopyTimeout();
            var protector = db.GetPersonalDataProtector(); // encrypted as the model stores them
            foreach (var m in city.Members())
                await copy.WriteRowAsync(ct, m.Id, protector.Protect(m.NationalId), protector.Hash(m.NationalId), m.Name, protector.Protect(m.Phone), m.DistrictId, m.UnionId, m.EnterpriseId, m.Status,
                    m.JoinedOn, m.JoinedOn, city.Options.ReferenceDate);
            loaded += await copy.CompleteAsync(ct);
        }

        // History and the coverage read model follow from the loaded rows, set-based.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO member_history (id, member_id, occurred_at, change, union_id, district_id)
            SELECT gen_random_uuid(), id, joined_on::timestamptz, 'Joined', union_id, district_id FROM members;

            INSERT INTO coverage_deltas (district_id, month, members, enterprises, covered_enterprises, employees, covered_employees)
            SELECT district_id, month, sum(members), sum(enterprises), sum(covered_enterprises), sum(employees), sum(covered_employees)
            FROM (
                SELECT district_id, date_trunc('month', joined_on)::date AS month, 1 AS members, 0 AS enterprises, 0 AS covered_enterprises,
                       0 AS employees, 0 AS covered_employees
                FROM members WHERE status = 'Active'
                UNION ALL
                -- Every enterprise counts from the start of the series; it counts as covered from its union's founding.
                SELECT district_id, DATE '2010-01-01', 0, 1, 0, headcount, 0 FROM enterprises
                UNION ALL
                SELECT e.district_id, date_trunc('month', o.created_at AT TIME ZONE 'UTC')::date, 0, 0, 1, 0, e.headcount
                FROM enterprises e JOIN organisations o ON o.id = e.union_id
            ) changes
            GROUP BY district_id, month;
            """, ct);
        await tx.CommitAsync(ct);
        return (long)loaded;
    }

    // Terms started within the last term, so a few unions are due for re-election soon, as in a real city.
    private static DateOnly TermStart(SeedOrganisation o, DateOnly reference)
    {
        var start = o.EstablishedOn;
        while (start.AddYears(o.TermYears) <= reference) start = start.AddYears(o.TermYears);
        return start;
    }

    [LoggerMessage(LogLevel.Information, "Demo city not loaded: the database already holds data")]
    private static partial void LogNotEmpty(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Demo city loaded: {Rows} rows in {Seconds:F1} s")]
    private static partial void LogSeeded(ILogger logger, long rows, double seconds);
}

internal static class BinaryImportExtensions
{
    /// <summary>Writes one row, mapping each CLR value to its column type and null to NULL.</summary>
    public static async Task WriteRowAsync(this NpgsqlBinaryImporter copy, CancellationToken ct, params object?[] values)
    {
        await copy.StartRowAsync(ct);
        foreach (var value in values)
        {
            switch (value)
            {
                case null: await copy.WriteNullAsync(ct); break;
                case string s: await copy.WriteAsync(s, NpgsqlDbType.Text, ct); break;
                case byte[] bytes: await copy.WriteAsync(bytes, NpgsqlDbType.Bytea, ct); break;
                case Guid g: await copy.WriteAsync(g, NpgsqlDbType.Uuid, ct); break;
                case int i: await copy.WriteAsync(i, NpgsqlDbType.Integer, ct); break;
                case bool b: await copy.WriteAsync(b, NpgsqlDbType.Boolean, ct); break;
                case DateOnly d: await copy.WriteAsync(d, NpgsqlDbType.Date, ct); break;
                case DateTimeOffset t: await copy.WriteAsync(t, NpgsqlDbType.TimestampTz, ct); break;
                default: throw new NotSupportedException($"No COPY mapping for {value.GetType().Name}.");
            }
        }
    }

}
