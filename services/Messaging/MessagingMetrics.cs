using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using UnionPlatform.ServiceDefaults.Observability;

namespace UnionPlatform.Messaging;

/// <summary>
/// What ops watch in the dashboard: the outbox (pending, age of the oldest unsent row, published, parked, bus
/// recycles), the inboxes (processed, duplicates ignored) and the _error queues (depth). Counters are counted where
/// the work happens; gauges read the last values the monitors measured, so a scrape never queries the database.
/// </summary>
public static class MessagingMetrics
{
    private static readonly Meter Meter = new(Telemetry.SourceName);

    public static readonly Counter<long> Published = Meter.CreateCounter<long>("unionplatform.outbox.published", "{message}", "Outbox rows published with a confirm.");
    public static readonly Counter<long> Parked = Meter.CreateCounter<long>("unionplatform.outbox.parked", "{message}", "Outbox rows set aside after failing too often.");
    public static readonly Counter<long> BusRecycles = Meter.CreateCounter<long>("unionplatform.outbox.connection_recycles", "{recycle}", "New relay connections after publishes kept timing out.");
    public static readonly Counter<long> InboxProcessed = Meter.CreateCounter<long>("unionplatform.inbox.processed", "{message}", "Messages a consumer applied.");
    public static readonly Counter<long> InboxDuplicates = Meter.CreateCounter<long>("unionplatform.inbox.duplicates", "{message}", "Redeliveries the inbox recognised and ignored.");

    private static readonly ConcurrentDictionary<string, OutboxSnapshot> Outboxes = new();
    private static readonly ConcurrentDictionary<string, long> ErrorQueues = new();

    static MessagingMetrics()
    {
        Meter.CreateObservableGauge("unionplatform.outbox.pending", () => Outboxes.Select(o => new Measurement<long>(o.Value.Pending, Tag(o.Key))),
            "{message}", "Outbox rows waiting to be published.");
        Meter.CreateObservableGauge("unionplatform.outbox.oldest_unsent_age", () => Outboxes.Select(o => new Measurement<double>(o.Value.OldestAge.TotalSeconds, Tag(o.Key))),
            "s", "Age of the oldest outbox row not yet published.");
        Meter.CreateObservableGauge("unionplatform.outbox.parked_rows", () => Outboxes.Select(o => new Measurement<long>(o.Value.Parked, Tag(o.Key))),
            "{message}", "Outbox rows parked, waiting for a re-drive.");
        Meter.CreateObservableGauge("unionplatform.messaging.error_queue.depth",
            () => ErrorQueues.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))),
            "{message}", "Messages in a consumer's _error queue.");
    }

    public static KeyValuePair<string, object?> Tag(string outbox) => new("outbox", outbox);

    internal static void Report(string outbox, OutboxSnapshot snapshot) => Outboxes[outbox] = snapshot;

    internal static void ReportErrorQueue(string queue, long depth) => ErrorQueues[queue] = depth;
}

/// <summary>One measurement of an outbox: rows waiting, the oldest one's age, rows parked.</summary>
public sealed record OutboxSnapshot(long Pending, TimeSpan OldestAge, long Parked, DateTimeOffset MeasuredAt);
