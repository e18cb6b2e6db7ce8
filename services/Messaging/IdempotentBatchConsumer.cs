using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace UnionPlatform.Messaging;

/// <summary>
/// The batch form of <see cref="IdempotentConsumer{TMessage,TContext}"/>: one transaction records every message id
/// and applies the effect of those not seen before. For projections fed by thousands of events (a CSV import),
/// where one transaction per event would be the bottleneck.
/// </summary>
public abstract class IdempotentBatchConsumer<TMessage, TContext>(TContext db, TimeProvider time) : IConsumer<Batch<TMessage>>
    where TMessage : class
    where TContext : DbContext, IOutboxDbContext
{
    protected TContext Db { get; } = db;

    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var ct = context.CancellationToken;
        var byId = context.Message
            .Where(m => m.MessageId is not null)
            .GroupBy(m => m.MessageId!.Value)
            .ToDictionary(g => g.Key, g => g.First().Message);
        var ids = byId.Keys.ToArray();

        using var slot = await ConsumerGate.EnterAsync(context);
        await using var tx = await Db.Database.BeginTransactionAsync(ct);
        var fresh = await Db.Database.SqlQuery<Guid>($"""
            INSERT INTO inbox_messages (message_id, consumer, processed_at)
            SELECT id, {ConsumerName}, {time.GetUtcNow()} FROM unnest({ids}) AS id
            ON CONFLICT DO NOTHING RETURNING message_id AS "Value"
            """).ToListAsync(ct);
        if (fresh.Count > 0)
        {
            await Handle(fresh.Select(id => byId[id]).ToList(), ct);
            await Db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        var consumer = new KeyValuePair<string, object?>("consumer", ConsumerName);
        MessagingMetrics.InboxProcessed.Add(fresh.Count, consumer);
        if (context.Message.Length > fresh.Count) MessagingMetrics.InboxDuplicates.Add(context.Message.Length - fresh.Count, consumer);
    }

    /// <summary>Applies the messages not processed before (redeliveries already removed).</summary>
    protected abstract Task Handle(IReadOnlyList<TMessage> messages, CancellationToken ct);
}
