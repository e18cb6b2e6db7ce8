using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace UnionPlatform.Messaging;

/// <summary>How one outbox is doing, shared by its relay (progress), its monitor (counts) and its health check.</summary>
public sealed class OutboxStatus<TContext>(TimeProvider time) where TContext : DbContext
{
    private long _lastProgressTicks = time.GetUtcNow().UtcTicks;

    public OutboxSnapshot? Snapshot { get; private set; }

    /// <summary>The last time the relay published a row, or found nothing to publish.</summary>
    public DateTimeOffset LastProgressAt => new(Interlocked.Read(ref _lastProgressTicks), TimeSpan.Zero);

    public void Progressed() => Interlocked.Exchange(ref _lastProgressTicks, time.GetUtcNow().UtcTicks);

    public void Measured(OutboxSnapshot snapshot)
    {
        Snapshot = snapshot;
        MessagingMetrics.Report(typeof(TContext).Name, snapshot);
    }
}

/// <summary>
/// Degraded while the oldest unsent row is older than <see cref="OutboxOptions.DegradedAfter"/> (events are late);
/// Unhealthy when rows wait and the relay has made no progress for <see cref="OutboxOptions.UnhealthyAfter"/>.
/// </summary>
public sealed class OutboxHealthCheck<TContext>(OutboxStatus<TContext> status, IOptions<MessagingOptions> options, TimeProvider time) : IHealthCheck
    where TContext : DbContext
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var outbox = options.Value.Outbox;
        if (status.Snapshot is not { } snapshot) return Task.FromResult(HealthCheckResult.Healthy("Not measured yet."));
        var stalled = time.GetUtcNow() - status.LastProgressAt;
        var data = new Dictionary<string, object>
        {
            ["pending"] = snapshot.Pending, ["oldestUnsentSeconds"] = Math.Round(snapshot.OldestAge.TotalSeconds, 1), ["parked"] = snapshot.Parked,
        };
        var result = snapshot.Pending > 0 && stalled > outbox.UnhealthyAfter
            ? new HealthCheckResult(context.Registration.FailureStatus, $"The relay has published nothing for {stalled.TotalSeconds:F0} s.", data: data)
            : snapshot.OldestAge > outbox.DegradedAfter
                ? HealthCheckResult.Degraded($"The oldest unsent event is {snapshot.OldestAge.TotalSeconds:F0} s old.", data: data)
                : HealthCheckResult.Healthy(data: data);
        return Task.FromResult(result);
    }
}
