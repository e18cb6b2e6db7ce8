using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace UnionPlatform.Messaging;

/// <summary>
/// The relay's own connection and channel to RabbitMQ, with publisher confirms. Rows are published as MassTransit
/// envelopes (application/vnd.masstransit+json) to the message type's fanout exchange, exactly where a MassTransit
/// publish would put them, so consumers cannot tell the difference; the stored JSON is embedded as it is.
/// Owning the connection is what lets the relay recover from a channel whose confirms never come: it aborts the
/// connection and opens a new one (<see cref="ResetAsync"/>), which a MassTransit bus cannot do reliably while wedged.
/// </summary>
public sealed partial class OutboxPublisher(Uri broker, string serviceName, TimeSpan heartbeat, TimeProvider time, ILogger<OutboxPublisher> logger) : IAsyncDisposable
{
    public const string ContentType = "application/vnd.masstransit+json";
    /// <summary>The header MassTransit reads the parent span from when it starts the consumer's span.</summary>
    public const string ActivityIdHeader = "MT-Activity-Id";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;
    private Dictionary<string, Task> _exchanges = [];

    public async Task PublishAsync(OutboxMessage message, Type type, string? activityId, CancellationToken ct)
    {
        var channel = await ChannelAsync(ct);
        var exchange = ExchangeName(type);
        await DeclareAsync(channel, exchange, ct);
        var properties = new BasicProperties
        {
            ContentType = ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = message.MessageId.ToString(),
            Headers = activityId is null ? null : new Dictionary<string, object?> { [ActivityIdHeader] = activityId },
        };
        await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Envelope(message, MessageTypes.NameOf(type), time.GetUtcNow()), ct);
    }

    /// <summary>MassTransit's exchange for a message type: "Namespace:TypeName", fanout, durable.</summary>
    public static string ExchangeName(Type type) => $"{type.Namespace}:{type.Name}";

    /// <summary>Drops the connection without waiting for the broker (it may never answer); the next publish reconnects.</summary>
    public async Task ResetAsync()
    {
        await _gate.WaitAsync();
        try { await DropAsync(); }
        finally { _gate.Release(); }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true } open) return open;
        await _gate.WaitAsync(ct);
        try
        {
            if (_channel is { IsOpen: true } reopened) return reopened;
            await DropAsync();
            var factory = new ConnectionFactory
            {
                Uri = broker,
                ClientProvidedName = $"{serviceName}-outbox-relay",
                AutomaticRecoveryEnabled = false, // we reconnect ourselves, on the next publish
                RequestedHeartbeat = heartbeat,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
            };
            _connection = await factory.CreateConnectionAsync(ct);
            _channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
            LogConnected(logger, broker.Host, broker.Port);
            return _channel;
        }
        finally { _gate.Release(); }
    }

    private Task DeclareAsync(IChannel channel, string exchange, CancellationToken ct)
    {
        lock (_exchanges)
        {
            if (!_exchanges.TryGetValue(exchange, out var declared) || declared.IsFaulted || declared.IsCanceled)
                _exchanges[exchange] = declared = channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false,
                    cancellationToken: ct);
            return declared;
        }
    }

    private async Task DropAsync()
    {
        var (connection, channel) = (_connection, _channel);
        (_connection, _channel) = (null, null);
        lock (_exchanges) _exchanges = [];
        if (channel is not null) { try { channel.Dispose(); } catch (Exception) { /* already broken */ } }
        if (connection is null) return;
        try { await connection.AbortAsync(TimeSpan.FromSeconds(2)); } catch (Exception) { /* already broken */ }
        try { connection.Dispose(); } catch (Exception) { /* already broken */ }
    }

    // The envelope MassTransit's System.Text.Json serializer reads; the row's body is the message, embedded verbatim.
    private static ReadOnlyMemory<byte> Envelope(OutboxMessage message, string messageUrn, DateTimeOffset sentAt)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Body.Length + 512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("messageId", message.MessageId);
            json.WriteString("correlationId", message.CorrelationId);
            json.WriteStartArray("messageType");
            json.WriteStringValue(messageUrn); // also for rows stored under a CLR name
            json.WriteEndArray();
            json.WritePropertyName("message");
            json.WriteRawValue(message.Body, skipInputValidation: true);
            json.WriteString("sentTime", sentAt);
            json.WriteStartObject("headers");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Outbox relay connected to RabbitMQ at {Host}:{Port}")]
    private static partial void LogConnected(ILogger logger, string host, int port);
}
