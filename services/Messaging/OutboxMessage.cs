namespace UnionPlatform.Messaging;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change it describes.
/// The relay publishes rows in (writing transaction, <see cref="Id"/>) order per <see cref="PartitionKey"/> and
/// stamps <see cref="SentAt"/>; a row that keeps failing for reasons of its own is <see cref="ParkedAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public Guid MessageId { get; private set; }
    /// <summary>The contract's message URN (<see cref="MessageTypes"/>), so the relay can deserialize it.</summary>
    public string MessageType { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>The aggregate the event belongs to; events of one aggregate are published in order.</summary>
    public string PartitionKey { get; private set; } = "";
    public Guid CorrelationId { get; private set; }
    /// <summary>W3C trace context of the request that wrote the event, so the trace continues through the broker.</summary>
    public string? TraceParent { get; private set; }
    public string? TraceState { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    /// <summary>Failed publishes caused by the row itself (its type, its body); broker outages do not count.</summary>
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>Set after too many attempts: the relay skips the row, and its aggregate's later rows, until ops re-drive it.</summary>
    public DateTimeOffset? ParkedAt { get; private set; }

    private OutboxMessage() { }

    internal static OutboxMessage Create(Guid messageId, Type type, string body, string partitionKey, Guid correlationId,
        DateTimeOffset createdAt, string? traceParent, string? traceState) => new()
    {
        MessageId = messageId,
        MessageType = MessageTypes.NameOf(type),
        Body = body,
        PartitionKey = partitionKey,
        CorrelationId = correlationId,
        CreatedAt = createdAt,
        TraceParent = traceParent,
        TraceState = traceState,
    };
}

/// <summary>A message a consumer has handled; its key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTimeOffset ProcessedAt { get; private set; }

    private InboxMessage() { }
}
