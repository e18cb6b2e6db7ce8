using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using UnionPlatform.Contracts;

namespace UnionPlatform.Messaging;

/// <summary>
/// Stages many events with one binary COPY, for bulk writes (a roster import of 100k members) where adding
/// 100k tracked entities would dominate the cost. Same rows, same transaction rule as <see cref="OutboxWriter"/>.
/// </summary>
public static class OutboxBulkWriter
{
    /// <summary>
    /// Stages the events on the context's connection, in its current transaction, under the current trace; the relay
    /// is woken when that transaction commits, as for <see cref="OutboxWriter.Publish{TEvent}"/>.
    /// </summary>
    public static async Task<ulong> CopyAsync<TEvent>(DbContext db, IEnumerable<(TEvent Event, string PartitionKey)> events, CancellationToken ct)
        where TEvent : class, IIntegrationEvent
    {
        var activity = Activity.Current;
        var copied = await CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), events, OutboxWriter.TraceParent(activity), activity?.TraceStateString, ct);
        OutboxSignalInterceptor.Staged(db);
        return copied;
    }

    /// <summary>Stages the events on a connection of the caller's (no wake-up: the caller starts the relay itself).</summary>
    public static async Task<ulong> CopyAsync<TEvent>(NpgsqlConnection connection, IEnumerable<(TEvent Event, string PartitionKey)> events,
        string? traceParent, string? traceState, CancellationToken ct) where TEvent : class, IIntegrationEvent
    {
        var type = MessageTypes.NameOf(typeof(TEvent));
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {OutboxModel.OutboxTable} (message_id, message_type, body, partition_key, correlation_id, trace_parent, trace_state, created_at, attempts) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (e, key) in events)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(e.EventId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(type, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(JsonSerializer.Serialize(e, OutboxWriter.Json), NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(key, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(e.CorrelationId, NpgsqlDbType.Uuid, ct);
            await WriteNullable(copy, traceParent, ct);
            await WriteNullable(copy, traceState, ct);
            await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        return await copy.CompleteAsync(ct);
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter copy, string? value, CancellationToken ct)
    {
        if (value is null) await copy.WriteNullAsync(ct);
        else await copy.WriteAsync(value, NpgsqlDbType.Text, ct);
    }
}
