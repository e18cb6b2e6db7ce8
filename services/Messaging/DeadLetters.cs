using RabbitMQ.Client;

namespace UnionPlatform.Messaging;

/// <summary>
/// Ops' view of a consumer's _error queue (where MassTransit parks a message after its retries) and the re-drive
/// that moves those messages back to the consumer's queue once the cause is fixed. Each message is republished with
/// a confirm before it is acked, so a crash mid-way duplicates at worst, which the inbox absorbs.
/// </summary>
public sealed class DeadLetters(Uri broker)
{
    public const string ErrorSuffix = "_error";

    /// <summary>Messages waiting in queue_error; 0 when nothing ever failed there (MassTransit creates it on first fault).</summary>
    public async Task<uint> CountAsync(string queue, CancellationToken ct) => (await CountAsync([queue], ct))[queue];

    /// <summary>Several queues' _error depths over one connection (the metrics watch asks for every queue at once).</summary>
    public async Task<Dictionary<string, uint>> CountAsync(IReadOnlyCollection<string> queues, CancellationToken ct)
    {
        await using var connection = await Connect(ct);
        var depths = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var queue in queues) depths[queue] = await ErrorQueueDepthAsync(connection, queue, ct) ?? 0;
        return depths;
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> messages from queue_error back to queue; returns how many moved, or null
    /// when the queue itself does not exist (a typo must not publish into nothing).
    /// </summary>
    public async Task<int?> RedriveAsync(string queue, int max, CancellationToken ct)
    {
        await using var connection = await Connect(ct);
        if (!await QueueExistsAsync(connection, queue, ct)) return null;
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        if (await ErrorQueueDepthAsync(connection, queue, ct) is null) return 0;

        var moved = 0;
        while (moved < max && await channel.BasicGetAsync(queue + ErrorSuffix, autoAck: false, ct) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties);
            // Drop the fault details MassTransit added, so the message looks like a first delivery again.
            if (properties.Headers is { } headers)
                foreach (var key in headers.Keys.Where(k => k.StartsWith("MT-Fault", StringComparison.Ordinal) || k == "MT-Reason").ToList())
                    headers.Remove(key);
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, message.Body, ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }

    private static async Task<bool> QueueExistsAsync(IConnection connection, string queue, CancellationToken ct) =>
        await DepthAsync(connection, queue, ct) is not null;

    private static Task<uint?> ErrorQueueDepthAsync(IConnection connection, string queue, CancellationToken ct) =>
        DepthAsync(connection, queue + ErrorSuffix, ct);

    // A passive declare of a missing queue closes its channel, so each probe gets a channel of its own.
    private static async Task<uint?> DepthAsync(IConnection connection, string queue, CancellationToken ct)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: ct);
        try { return (await probe.QueueDeclarePassiveAsync(queue, ct)).MessageCount; }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404) { return null; }
    }

    private Task<IConnection> Connect(CancellationToken ct) =>
        new ConnectionFactory { Uri = broker, ClientProvidedName = "dead-letter-redrive" }.CreateConnectionAsync(ct);
}
