using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace UnionPlatform.Messaging;

/// <summary>
/// Counts an outbox every <see cref="OutboxOptions.MonitorInterval"/>: rows waiting, the oldest one's age, rows parked.
/// One small query on the partial indexes, so the gauges and /health never scan the table at a scrape.
/// </summary>
public sealed class OutboxMonitor<TContext>(IServiceScopeFactory scopes, OutboxStatus<TContext> status,
    IOptions<MessagingOptions> options, TimeProvider time) : BackgroundService
    where TContext : DbContext, IOutboxDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { status.Measured(await MeasureAsync(stoppingToken)); }
            catch (Exception) when (!stoppingToken.IsCancellationRequested) { /* the database is away; /health says so on its own */ }
            await Task.Delay(options.Value.Outbox.MonitorInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<OutboxSnapshot> MeasureAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var row = await db.Database.SqlQuery<Counts>($"""
            SELECT count(*) FILTER (WHERE parked_at IS NULL) AS pending,
                   min(created_at) FILTER (WHERE parked_at IS NULL) AS oldest,
                   count(*) FILTER (WHERE parked_at IS NOT NULL) AS parked
            FROM outbox_messages WHERE sent_at IS NULL
            """).SingleAsync(ct);
        var now = time.GetUtcNow();
        return new OutboxSnapshot(row.Pending, row.Oldest is { } oldest && oldest < now ? now - oldest : TimeSpan.Zero, row.Parked, now);
    }

    private sealed record Counts(long Pending, DateTimeOffset? Oldest, long Parked);
}
