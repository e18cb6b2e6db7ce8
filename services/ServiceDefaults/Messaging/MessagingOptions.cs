namespace UnionPlatform.ServiceDefaults.Messaging;

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
    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);
    /// <summary>Kept longer than any redelivery could arrive, so duplicates are still recognised.</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
