using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace UnionPlatform.Benchmarks;

public sealed record Binding(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("destination")] string Destination,
    [property: JsonPropertyName("destination_type")] string DestinationType,
    [property: JsonPropertyName("routing_key")] string RoutingKey);

/// <summary>The management HTTP API (to find and re-point MassTransit's bindings) and raw RabbitMQ.Client baselines.</summary>
public sealed class Broker(Uri amqp, Uri management) : IDisposable
{
    private readonly HttpClient _http = CreateHttp(amqp, management);

    private static HttpClient CreateHttp(Uri amqp, Uri management)
    {
        var parts = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        var user = parts.Length == 2 ? $"{parts[0]}:{parts[1]}" : "guest:guest";
        var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user)));
        return http;
    }

    public async Task<List<Binding>> BindingsAsync(string vhost) =>
        await _http.GetFromJsonAsync<List<Binding>>($"api/bindings/{Uri.EscapeDataString(vhost)}") ?? [];

    public Task<string> GetStringAsync(string path) => _http.GetStringAsync(path);

    public async Task DeleteVirtualHostAsync(string vhost) => (await _http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}")).Dispose();

    public static Task<IConnection> ConnectAsync(Uri vhostUri, string name) =>
        new ConnectionFactory { Uri = vhostUri, ClientProvidedName = name }.CreateConnectionAsync();

    public static Task<IChannel> ConfirmingChannelAsync(IConnection connection) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));

    /// <summary>
    /// Raw publish with confirms: <paramref name="count"/> copies of one message, up to <paramref name="outstanding"/>
    /// unconfirmed at a time (a batch of publishes, then await their confirms: the RabbitMQ.Client 7 pattern).
    /// </summary>
    public static async Task<Run> PublishAsync(Uri vhostUri, string exchange, ReadOnlyMemory<byte> body, BasicProperties properties,
        int count, int outstanding, TimeSpan limit)
    {
        await using var connection = await ConnectAsync(vhostUri, "bench-raw-publisher");
        await using var channel = await ConfirmingChannelAsync(connection);
        var pending = new List<ValueTask>(outstanding);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        while (sent < count && clock.Elapsed < limit)
        {
            pending.Clear();
            for (var i = 0; i < outstanding && sent < count; i++, sent++)
                pending.Add(channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body));
            foreach (var confirm in pending) await confirm;
        }
        return new Run(sent, clock.Elapsed, new Samples(0));
    }

    /// <summary>
    /// The broker's own latency floor: publish (persistent, confirmed) at <paramref name="rate"/>/s into a durable
    /// queue and take the time at delivery to a consumer on another connection (manual ack, prefetch 100).
    /// </summary>
    public static async Task<Samples> LatencyAsync(Uri vhostUri, int bodySize, int rate, TimeSpan duration)
    {
        const string queue = "bench-raw-latency";
        var total = (int)(rate * duration.TotalSeconds);
        var sentAt = new long[total];
        var samples = new Samples(total);
        await using var consumerConnection = await ConnectAsync(vhostUri, "bench-raw-consumer");
        await using var consumerChannel = await consumerConnection.CreateChannelAsync();
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumerChannel.QueuePurgeAsync(queue);
        await consumerChannel.BasicQosAsync(0, 100, false);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var now = Stopwatch.GetTimestamp();
            var i = int.Parse(delivery.BasicProperties.MessageId!, CultureInfo.InvariantCulture);
            samples.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref sentAt[i]), now).TotalMilliseconds);
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        var tag = await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        await using var connection = await ConnectAsync(vhostUri, "bench-raw-publisher");
        await using var channel = await ConfirmingChannelAsync(connection);
        var body = new byte[bodySize];
        Array.Fill(body, (byte)'x');
        var next = -1;
        var (started, _) = await Load.PacedAsync(rate, duration, 256, async () =>
        {
            var i = Interlocked.Increment(ref next);
            var properties = new BasicProperties { Persistent = true, MessageId = i.ToString(CultureInfo.InvariantCulture), ContentType = "application/json" };
            Volatile.Write(ref sentAt[i], Stopwatch.GetTimestamp());
            await channel.BasicPublishAsync("", queue, mandatory: false, properties, body);
        });
        await Load.UntilAsync(() => Task.FromResult(samples.Count >= started), TimeSpan.FromSeconds(30));
        await consumerChannel.BasicCancelAsync(tag);
        await consumerChannel.QueueDeleteAsync(queue);
        return samples;
    }

    public void Dispose() => _http.Dispose();
}
