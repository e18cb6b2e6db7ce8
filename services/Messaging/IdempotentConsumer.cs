using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace UnionPlatform.Messaging;

/// <summary>
/// A consumer whose effect happens exactly once per message id. The inbox row and the effect commit in one
/// transaction; a redelivery (broker retry, relay republish after a crash) finds the row and changes nothing.
/// Concurrent duplicates serialise on the row's primary key: the second waits, then sees it.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext, IOutboxDbContext
{
    protected TContext Db { get; } = db;
    protected TimeProvider Time { get; } = time;

    /// <summary>The name the inbox records; stable across renames of the class is not needed, so the type name will do.</summary>
    protected virtual string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("A message without a message id cannot be de-duplicated.");
        var ct = context.CancellationToken;

        using var slot = await ConsumerGate.EnterAsync(context);
        await using var tx = await Db.Database.BeginTransactionAsync(ct);
        if (!await TryRecordAsync(Db, messageId, ConsumerName, Time.GetUtcNow(), ct))
        {
            MessagingMetrics.InboxDuplicates.Add(1, new KeyValuePair<string, object?>("consumer", ConsumerName));
            return;
        }
        await Handle(context.Message, context, ct);
        await Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        MessagingMetrics.InboxProcessed.Add(1, new KeyValuePair<string, object?>("consumer", ConsumerName));
    }

    /// <summary>Applies the message's effect to <see cref="Db"/>; the base class saves and commits.</summary>
    protected abstract Task Handle(TMessage message, ConsumeContext<TMessage> context, CancellationToken ct);

    /// <summary>Records a message id in the current transaction; false if it was already processed.</summary>
    public static async Task<bool> TryRecordAsync(TContext db, Guid messageId, string consumer, DateTimeOffset now, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer, processed_at) VALUES ({messageId}, {consumer}, {now}) ON CONFLICT DO NOTHING",
            ct) == 1;
}
