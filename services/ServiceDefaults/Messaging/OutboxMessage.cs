namespace UnionPlatform.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be published, written in the same transaction as the change it describes.
/// The relay publishes rows in <see cref="Id"/> order per <see cref="PartitionKey"/> and stamps <see cref="SentAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }
    public Guid MessageId { get; private set; }
    /// <summary>The CLR type, assembly-qualified without version, so the relay can deserialize it.</summary>
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
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    private OutboxMessage() { }

    internal static OutboxMessage Create(Guid messageId, Type type, string body, string partitionKey, Guid correlationId,
        DateTimeOffset createdAt, string? traceParent, string? traceState) => new()
    {
        MessageId = messageId,
        MessageType = TypeName(type),
        Body = body,
        PartitionKey = partitionKey,
        CorrelationId = correlationId,
        CreatedAt = createdAt,
        TraceParent = traceParent,
        TraceState = traceState,
    };

    internal static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}

/// <summary>A message a consumer has handled; its key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTimeOffset ProcessedAt { get; private set; }

    private InboxMessage() { }
}
