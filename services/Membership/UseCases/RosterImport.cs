using System.Globalization;
using UnionPlatform.Kernel;
using UnionPlatform.Kernel.Privacy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.Messaging;

using UnionPlatform.Membership.Data;

namespace UnionPlatform.Membership.UseCases;

/// <summary>A refused row, by its line number in the file (the header is line 1).</summary>
public sealed record RowError(int Line, string Field, string Message);

public sealed record ImportReport(int Rows, int Imported, int Rejected, IReadOnlyList<RowError> Errors, bool ErrorsTruncated);

/// <summary>
/// Imports an enterprise's roster into one union. Rows are validated as they stream in and the valid ones are
/// binary-COPYed into a staging table outside any transaction, so a slow upload holds no locks; then one short
/// transaction turns them into members (or re-enrols former members of the same district), the same history lines
/// an application through the API writes (Applied, Joined), and MemberJoined outbox rows. Someone who holds a
/// membership, or whose record belongs to another district, is reported and never touched: people move between
/// districts only by transfer, and the report says nothing about another district's record.
/// </summary>
public sealed class RosterImport(MembershipDbContext db, TimeProvider time, PersonalDataProtector protector)
{
    public const int MaxReportedErrors = 1000;
    public const string HeaderHint = "The first line names the columns: nationalId, name, phone, and optionally enterpriseCreditCode, joinedOn.";
    private static readonly string[] Columns = ["nationalId", "name", "phone", "enterpriseCreditCode", "joinedOn"];

    /// <summary>Imports the rows of a CSV (<see cref="CsvReader"/>) or a workbook (<see cref="SpreadsheetReader"/>), header first.</summary>
    public async Task<ImportReport> RunAsync(Organisation union, IAsyncEnumerable<CsvReader.Row> file, Guid correlationId, CancellationToken ct)
    {
        var today = time.Today();
        var now = time.GetUtcNow();
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => e.UnionId == union.Id)
            .ToDictionaryAsync(e => e.CreditCode, e => e.Id, ct);
        var errors = new List<RowError>();
        var (rows, rejected) = (0, 0);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await db.Database.ExecuteSqlRawAsync("""
                DROP TABLE IF EXISTS import_rows;
                CREATE TEMP TABLE import_rows (row_number int, id uuid, national_id text, national_id_hash bytea, name text, phone text,
                    enterprise_id uuid, joined_on date)
                """, ct);

            int[]? map = null;
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY import_rows (row_number, id, national_id, national_id_hash, name, phone, enterprise_id, joined_on) FROM STDIN (FORMAT BINARY)", ct))
            {
                await foreach (var row in file.WithCancellation(ct))
                {
                    if (map is null)
                    {
                        map = Columns.Select(c => Array.FindIndex(row.Fields, f => string.Equals(f.Trim().TrimStart('\uFEFF'), c, StringComparison.OrdinalIgnoreCase))).ToArray();
                        if (map[0] < 0 || map[1] < 0 || map[2] < 0) throw new RequestValidationException("header", HeaderHint);
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
                    // Encrypted here as the model encrypts them: the staging table holds no plain national ID either.
                    await copy.WriteAsync(protector.Protect(parsed.NationalId), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(protector.Hash(parsed.NationalId), NpgsqlDbType.Bytea, ct);
                    await copy.WriteAsync(parsed.Name, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(protector.Protect(parsed.Phone), NpgsqlDbType.Text, ct);
                    if (parsed.EnterpriseId is { } eid) await copy.WriteAsync(eid, NpgsqlDbType.Uuid, ct); else await copy.WriteNullAsync(ct);
                    await copy.WriteAsync(parsed.JoinedOn, NpgsqlDbType.Date, ct);
                }
                await copy.CompleteAsync(ct);
            }
            if (map is null) throw new RequestValidationException("header", "The file is empty. " + HeaderHint);

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var refused = await RefuseTakenAsync(union, ct);
            foreach (var (rowNumber, message) in refused)
                if (errors.Count < MaxReportedErrors) errors.Add(new RowError(rowNumber, "nationalId", message));
            rejected += refused.Count;
            var joined = await EnrolAsync(union, today, now, ct);

            await OutboxBulkWriter.CopyAsync(db, joined.Select(j => (MemberEvents.Joined(j.Id, union, j.EnterpriseId, j.JoinedOn, correlationId, now), j.Id.ToString())), ct);
            await tx.CommitAsync(ct);
            return new ImportReport(rows, joined.Count, rejected, errors.OrderBy(e => e.Line).ToList(), errors.Count < rejected);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS import_rows", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Takes out of the staging table the people who cannot be enrolled here: members holding a membership, the
    /// deceased, and anyone whose record is in another district (one neutral message, so nothing leaks about it).
    /// </summary>
    private async Task<List<(int Row, string Message)>> RefuseTakenAsync(Organisation union, CancellationToken ct)
    {
        var refused = await db.Database.SqlQuery<RefusedRow>($"""
            DELETE FROM import_rows i USING members m
            WHERE m.national_id_hash = i.national_id_hash
              AND (m.district_id <> {union.DistrictId} OR m.status NOT IN ('Withdrawn', 'Expelled'))
            RETURNING i.row_number, m.district_id = {union.DistrictId} AND m.status IN ('Applied', 'Active', 'Retained') AS holds_membership
            """).ToListAsync(ct);
        return refused.OrderBy(r => r.RowNumber)
            .Select(r => (r.RowNumber, r.HoldsMembership ? "This person already holds a membership." : "This person cannot be enrolled by this union."))
            .ToList();
    }

    /// <summary>New people become members; former members of this district re-enrol on their own record.</summary>
    private async Task<List<JoinedRow>> EnrolAsync(Organisation union, DateOnly today, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.SqlQuery<JoinedRow>($"""
            WITH returning_members AS (
                UPDATE members m SET status = 'Active', union_id = {union.Id}, enterprise_id = i.enterprise_id, name = i.name,
                    phone = i.phone, applied_on = i.joined_on, joined_on = i.joined_on, dues_paid_through = {today},
                    education_recorded_on = NULL, ended_on = NULL
                FROM import_rows i WHERE m.national_id_hash = i.national_id_hash
                RETURNING m.id, m.enterprise_id, m.joined_on),
            new_members AS (
                INSERT INTO members (id, national_id, national_id_hash, name, phone, district_id, union_id, enterprise_id, status, applied_on, joined_on, dues_paid_through)
                SELECT i.id, i.national_id, i.national_id_hash, i.name, i.phone, {union.DistrictId}, {union.Id}, i.enterprise_id, 'Active', i.joined_on, i.joined_on, {today}
                FROM import_rows i WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.national_id_hash = i.national_id_hash)
                RETURNING id, enterprise_id, joined_on),
            joined AS (SELECT * FROM returning_members UNION ALL SELECT * FROM new_members),
            history AS (
                INSERT INTO member_history (id, member_id, occurred_at, change, union_id, district_id)
                SELECT gen_random_uuid(), j.id, {now}, c.change, {union.Id}, {union.DistrictId}
                FROM joined j CROSS JOIN (VALUES (0, 'Applied'), (1, 'Joined')) AS c(ord, change)
                ORDER BY j.id, c.ord)
            SELECT id, enterprise_id, joined_on FROM joined
            """).ToListAsync(ct);

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
        if (Field(3) is { Length: > 0 } raw && SocialCreditCode.Normalise(raw) is var code)
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
    private sealed record RefusedRow(int RowNumber, bool HoldsMembership);
}
