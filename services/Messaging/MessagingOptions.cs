namespace UnionPlatform.Messaging;

/// <summary>Bound from "Messaging". Defaults were measured on the 2-core CI machine (see README).</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>Messages RabbitMQ hands a consumer ahead of acks. MassTransit's default (16) halves throughput here.</summary>
    public int PrefetchCount { get; set; } = 64;
    /// <summary>Messages handled at once per endpoint; null lets MassTransit follow the prefetch.</summary>
    public int? ConcurrentMessageLimit { get; set; }
    /// <summary>Delays between redeliveries in-process before a message goes to its _error queue.</summary>
    public int[] RetryIntervalsMs { get; set; } = [100, 500, 2000, 5000];
    /// <summary>AMQP heartbeat: a silent connection is given up after two missed beats (the relay's own uses 10 s too).</summary>
    public ushort HeartbeatSeconds { get; set; } = 10;

    public OutboxOptions Outbox { get; set; } = new();
}

public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 1000;
    /// <summary>Publishes in flight at once (different aggregates; one aggregate's events go one after another).</summary>
    public int MaxPublishConcurrency { get; set; } = 1000;
    /// <summary>Fallback poll when no commit woke the relay (another replica's write, a missed signal).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>A publish that gets no confirm by then counts as failed and is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>A row whose own publish failed this often (a body the bus refuses) is parked for ops to re-drive.
    /// A row whose type no longer resolves, or whose body no longer reads, is parked at once.</summary>
    public int MaxAttempts { get; set; } = 5;
    /// <summary>Rounds in a row in which publishes timed out and none got through: then the relay's connection is aborted
    /// and reopened, since a channel whose confirms never come (RabbitMQ.Client 7.2 after a broker restart) never heals.</summary>
    public int RecycleBusAfterTimeouts { get; set; } = 3;
    /// <summary>How often the monitor counts pending and parked rows for the metrics and the health check.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>/health is Degraded once the oldest unsent row is older than this.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>/health is Unhealthy once rows wait and nothing was published for this long.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Off only in tests that drive <see cref="OutboxRelay{TContext}.RelayBatchAsync"/> themselves.</summary>
    public bool RelayEnabled { get; set; } = true;
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Kept longer than any redelivery could arrive, so duplicates are still recognised.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
