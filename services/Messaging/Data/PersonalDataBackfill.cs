using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using UnionPlatform.Kernel.Privacy;

namespace UnionPlatform.Messaging.Data;

/// <summary>
/// Brings every personal-data column up to the current key, after the migrations and before anything is served:
/// values written before their column was protected (plain; a migration turned them into the text the converter
/// expects) are encrypted, values under an older key are re-encrypted (key rotation: make a new key current,
/// restart, then retire the old key), and placeholder hashes (any length but an HMAC's 32 bytes) are replaced by
/// real ones. Batches of <see cref="BatchSize"/> rows, each its own statement; running it again finds nothing.
/// </summary>
public static class PersonalDataBackfill
{
    public const int BatchSize = 1000;

    /// <summary>Returns how many rows it rewrote.</summary>
    public static async Task<int> RunAsync(DbContext db, CancellationToken ct)
    {
        var tables = Tables(db.Model).ToList();
        if (tables.Count == 0) return 0; // a database without personal data needs no protector
        var protector = db.GetPersonalDataProtector();
        var rewritten = 0;
        foreach (var table in tables)
        {
            while (await RewriteBatchAsync(db, protector, table, ct) is var count and > 0) rewritten += count;
        }
        return rewritten;
    }

    private sealed record Table(string Name, IProperty Key, string KeyColumn, List<string> Columns, List<(string Column, int SourceIndex)> Hashes);

    private static IEnumerable<Table> Tables(IModel model)
    {
        foreach (var entity in model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } name || entity.FindPrimaryKey()?.Properties is not [var key]) continue;
            var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
            var marked = entity.GetProperties().Where(PersonalDataModel.IsMarked).ToList();
            if (marked.Count == 0) continue;
            var hashes = entity.GetProperties().Where(p => PersonalDataModel.HashSource(p) is not null)
                .Select(p => (p.GetColumnName(store)!, marked.FindIndex(m => m.Name == PersonalDataModel.HashSource(p))))
                .ToList();
            yield return new Table(name, key, key.GetColumnName(store)!, marked.Select(p => p.GetColumnName(store)!).ToList(), hashes);
        }
    }

    private static async Task<int> RewriteBatchAsync(DbContext db, PersonalDataProtector protector, Table table, CancellationToken ct)
    {
        var current = $"{PersonalDataProtector.Prefix}{protector.CurrentKeyId}:";
        var stale = string.Join(" OR ", table.Columns.Select(c => $"({Q(c)} IS NOT NULL AND left({Q(c)}, {current.Length}) <> @current)")
            .Concat(table.Hashes.Select(h => $"length({Q(h.Column)}) <> 32")));
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var keys = new List<object>();
            var values = table.Columns.Select(_ => new List<string?>()).ToList();
            await using (var select = new NpgsqlCommand(
                $"SELECT {Q(table.KeyColumn)}, {string.Join(", ", table.Columns.Select(Q))} FROM {Q(table.Name)} WHERE {stale} ORDER BY 1 LIMIT {BatchSize}", connection))
            {
                select.Parameters.AddWithValue("current", current);
                await using var reader = await select.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    keys.Add(reader.GetValue(0));
                    for (var i = 0; i < table.Columns.Count; i++)
                        values[i].Add(reader.IsDBNull(i + 1) ? null : Plain(protector, reader.GetString(i + 1)));
                }
            }
            if (keys.Count == 0) return 0;

            await using var update = new NpgsqlCommand { Connection = connection };
            var keyArray = Array.CreateInstance(table.Key.ClrType, keys.Count);
            for (var i = 0; i < keys.Count; i++) keyArray.SetValue(keys[i], i);
            update.Parameters.AddWithValue("k", keyArray);
            var sets = new List<string>();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                update.Parameters.AddWithValue($"c{i}", values[i].Select(v => v is null ? null : protector.Protect(v)).ToArray());
                sets.Add($"{Q(table.Columns[i])} = v.c{i}");
            }
            for (var i = 0; i < table.Hashes.Count; i++)
            {
                var (column, source) = table.Hashes[i];
                update.Parameters.AddWithValue($"h{i}", values[source].Select(v => protector.Hash(v!)).ToArray());
                sets.Add($"{Q(column)} = v.h{i}");
            }
            var names = string.Join(", ", update.Parameters.Select(p => p.ParameterName));
            var args = string.Join(", ", update.Parameters.Select(p => "@" + p.ParameterName));
            update.CommandText = $"UPDATE {Q(table.Name)} t SET {string.Join(", ", sets)} FROM unnest({args}) AS v({names}) WHERE t.{Q(table.KeyColumn)} = v.k";
            await update.ExecuteNonQueryAsync(ct);
            return keys.Count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // A value under any configured key, or one written before its column was protected (its text as stored).
    private static string Plain(PersonalDataProtector protector, string stored) =>
        stored.StartsWith(PersonalDataProtector.Prefix, StringComparison.Ordinal) ? protector.Unprotect(stored) : stored;

    private static string Q(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}
