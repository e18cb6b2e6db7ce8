using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.ServiceDefaults.Domain;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Identifiers;
using UnionPlatform.ServiceDefaults.Messaging;

namespace UnionPlatform.Membership.Data;

/// <summary>A refused row, by its line number in the file (the header is line 1).</summary>
public sealed record RowError(int Line, string Field, string Message);

public sealed record ImportReport(int Rows, int Imported, int Rejected, IReadOnlyList<RowError> Errors, bool ErrorsTruncated);

/// <summary>
/// Imports an enterprise's roster into one union: rows are validated as they stream in, the valid ones are
/// binary-COPYed into a staging table, and one transaction turns them into members, history lines and
/// MemberJoined outbox rows. A person who already holds a membership is reported, never duplicated.
/// </summary>
public sealed class RosterImport(MembershipDbContext db, TimeProvider time)
{
    public const int MaxReportedErrors = 1000;
    private static readonly string[] Columns = ["nationalId", "name", "phone", "enterpriseCreditCode", "joinedOn"];

    public async Task<ImportReport> RunAsync(Organisation union, Stream csv, Guid correlationId, CancellationToken ct)
    {
        var today = time.Today();
        var now = time.GetUtcNow();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.UnionId == union.Id)
            .ToDictionaryAsync(e => e.CreditCode, e => e.Id, ct);
        var errors = new List<RowError>();
        var (rows, rejected) = (0, 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TEMP TABLE import_rows (row_number int, id uuid, national_id char(18), name text, phone text,
                enterprise_id uuid, joined_on date) ON COMMIT DROP
            """, ct);

        int[]? map = null;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_rows (row_number, id, national_id, name, phone, enterprise_id, joined_on) FROM STDIN (FORMAT BINARY)", ct))
        {
            await foreach (var row in CsvReader.ReadAsync(csv, ct))
            {
                if (map is null)
                {
                    map = Columns.Select(c => Array.FindIndex(row.Fields, f => string.Equals(f.Trim(), c, StringComparison.OrdinalIgnoreCase))).ToArray();
                    if (map[0] < 0 || map[1] < 0 || map[2] < 0)
                        throw new DomainException("The first line must name the columns: nationalId, name, phone, and optionally enterpriseCreditCode, joinedOn.");
                    continue;
                }
                rows++;
                var problem = Validate(row, map, enterprises, today, seen, out var parsed);
                if (problem is not null)
                {
                    rejected++;
                    if (errors.Count < MaxReportedErrors) errors.Add(problem);
                    continue;
                }
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Number, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Guid.CreateVersion7(now), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(parsed.NationalId, NpgsqlDbType.Char, ct);
                await copy.WriteAsync(parsed.Name, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(parsed.Phone, NpgsqlDbType.Text, ct);
                if (parsed.EnterpriseId is { } eid) await copy.WriteAsync(eid, NpgsqlDbType.Uuid, ct); else await copy.WriteNullAsync(ct);
                await copy.WriteAsync(parsed.JoinedOn, NpgsqlDbType.Date, ct);
            }
            await copy.CompleteAsync(ct);
        }
        if (map is null) throw new DomainException("The file is empty.");

        // People who already hold a membership (in any union) are rejected; the unique index stays the final word.
        var taken = await db.Database.SqlQuery<int>($"""
            SELECT i.row_number AS "Value" FROM import_rows i JOIN members m ON m.national_id = i.national_id ORDER BY 1
            """).ToListAsync(ct);
        foreach (var rowNumber in taken)
            if (errors.Count < MaxReportedErrors) errors.Add(new RowError(rowNumber, "nationalId", "This person already holds a membership."));
        rejected += taken.Count;

        var joined = await db.Database.SqlQuery<JoinedRow>($"""
            WITH inserted AS (
                INSERT INTO members (id, national_id, name, phone, district_id, union_id, enterprise_id, status, applied_on, joined_on, dues_paid_through)
                SELECT i.id, i.national_id, i.name, i.phone, {union.DistrictId}, {union.Id}, i.enterprise_id, 'Active', i.joined_on, i.joined_on, i.joined_on
                FROM import_rows i WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.national_id = i.national_id)
                RETURNING id, enterprise_id, joined_on),
            history AS (
                INSERT INTO member_history (id, member_id, occurred_at, change, union_id, district_id)
                SELECT gen_random_uuid(), id, {now}, 'Joined', {union.Id}, {union.DistrictId} FROM inserted)
            SELECT id, enterprise_id, joined_on FROM inserted
            """).ToListAsync(ct);

        var trace = Activity.Current;
        await OutboxBulkWriter.CopyAsync(connection, joined.Select(j => (MemberEvents.Joined(j.Id, union, j.EnterpriseId, j.JoinedOn, correlationId, now), j.Id.ToString())),
            trace?.Id, trace?.TraceStateString, ct);
        await tx.CommitAsync(ct);

        return new ImportReport(rows, joined.Count, rejected, errors.OrderBy(e => e.Line).ToList(), errors.Count < rejected);
    }

    private static RowError? Validate(CsvReader.Row row, int[] map, Dictionary<string, Guid> enterprises, DateOnly today,
        HashSet<string> seen, out (string NationalId, string Name, string Phone, Guid? EnterpriseId, DateOnly JoinedOn) parsed)
    {
        parsed = default;
        if (row.Error is not null) return new RowError(row.Number, "row", row.Error);
        string Field(int column) => map[column] >= 0 && map[column] < row.Fields.Length ? row.Fields[map[column]].Trim() : "";

        foreach (var (field, message) in PersonDetails.Problems(Field(0), Field(1), Field(2), today))
            return new RowError(row.Number, field, message);
        var nationalId = NationalId.Normalise(Field(0));
        if (!seen.Add(nationalId)) return new RowError(row.Number, "nationalId", "The same national ID appears earlier in the file.");

        Guid? enterpriseId = null;
        if (Field(3) is { Length: > 0 } code)
        {
            if (!enterprises.TryGetValue(code, out var id)) return new RowError(row.Number, "enterpriseCreditCode", "No enterprise with this credit code is covered by the union.");
            enterpriseId = id;
        }
        var joinedOn = today;
        if (Field(4) is { Length: > 0 } date
            && (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out joinedOn) || joinedOn > today))
            return new RowError(row.Number, "joinedOn", "A date as yyyy-MM-dd, not in the future.");
        parsed = (nationalId, Field(1), Field(2), enterpriseId, joinedOn);
        return null;
    }

    // Columns map by the snake_case naming convention: id, enterprise_id, joined_on.
    private sealed record JoinedRow(Guid Id, Guid? EnterpriseId, DateOnly JoinedOn);
}
