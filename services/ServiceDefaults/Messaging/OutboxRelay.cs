using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UnionPlatform.ServiceDefaults.Observability;

namespace UnionPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox rows to RabbitMQ with publisher confirms and marks them sent. At-least-once: a crash
/// between the confirm and the mark republishes the same message id, which consumers' inboxes ignore.
/// Order holds per partition key: one aggregate's events go one at a time, oldest first, and a failure stops
/// that partition for this round so nothing overtakes it.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext, IOutboxDbContext
{
    // pg_try_advisory_xact_lock key: one relay per database at a time, so replicas never race on an aggregate.
    private const long LockKey = 0x756E_696F_6E6F_7574; // "unionout"; advisory locks are per database
    private static readonly ConcurrentDictionary<string, Type> Types = new();
    private readonly OutboxOptions _options = options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var nextCleanup = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (published, failed) = await RelayBatchAsync(stoppingToken);
                failures = failed ? failures + 1 : 0;
                if (failed) await Task.Delay(Backoff(failures), time, stoppingToken);
                else if (published == _options.BatchSize) continue; // a backlog: keep draining

                if (time.GetUtcNow() >= nextCleanup)
                {
                    await CleanupAsync(stoppingToken);
                    nextCleanup = time.GetUtcNow() + _options.CleanupInterval;
                }
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception ex)
            {
                // The database is down or restarting: nothing is lost, the rows wait in the outbox.
                failures++;
                LogRelayFailed(logger, ex, failures);
                await Task.Delay(Backoff(failures), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Publishes one batch; returns how many were published and whether any publish failed.</summary>
    public async Task<(int Published, bool Failed)> RelayBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return (0, false);

        var batch = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null).OrderBy(m => m.Id).Take(_options.BatchSize).ToListAsync(ct);
        if (batch.Count == 0) return (0, false);

        var sent = new ConcurrentBag<long>();
        var failed = new ConcurrentBag<(long Id, string Error)>();
        await Parallel.ForEachAsync(batch.GroupBy(m => m.PartitionKey),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxPublishConcurrency, CancellationToken = ct },
            async (partition, token) =>
            {
                foreach (var message in partition)
                {
                    try
                    {
                        await PublishAsync(message, token);
                        sent.Add(message.Id);
                    }
                    catch (Exception ex) when (!token.IsCancellationRequested)
                    {
                        failed.Add((message.Id, $"{ex.GetType().Name}: {ex.Message}"));
                        break; // later events of this aggregate must not overtake the failed one
                    }
                }
            });

        var now = time.GetUtcNow();
        var sentIds = sent.ToArray();
        if (sentIds.Length > 0)
            await db.OutboxMessages.Where(m => sentIds.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);
        foreach (var (id, error) in failed)
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LastError, error.Length > 1000 ? error[..1000] : error), ct);
        await tx.CommitAsync(ct);

        if (!failed.IsEmpty) LogPublishFailed(logger, failed.Count, sentIds.Length, failed.First().Error);
        return (sentIds.Length, !failed.IsEmpty);
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken ct)
    {
        var type = Types.GetOrAdd(message.MessageType, static name =>
            Type.GetType(name, throwOnError: true)!);
        var body = JsonSerializer.Deserialize(message.Body, type, OutboxWriter.Json)!;

        // Continue the trace of the request that wrote the event; MassTransit's send span nests under this one.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var parent);
        using var activity = Telemetry.Source.StartActivity($"outbox relay {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.MessageId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.PublishTimeout);
        // WaitAsync as well as the token: a confirm lost with its connection may never observe the cancellation,
        // and one stuck publish must not hold the relay (and its transaction) forever. A publish abandoned here
        // may still land later: the consumers' inboxes absorb the duplicate.
        await bus.Publish(body, type, Pipe.Execute<PublishContext>(ctx =>
        {
            ctx.MessageId = message.MessageId;
            ctx.CorrelationId = message.CorrelationId;
        }), timeout.Token).WaitAsync(_options.PublishTimeout, ct);
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();
        var sentBefore = now - _options.SentRetention;
        var processedBefore = now - _options.InboxRetention;
        var outbox = await db.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < sentBefore).ExecuteDeleteAsync(ct);
        var inbox = await db.InboxMessages.Where(m => m.ProcessedAt < processedBefore).ExecuteDeleteAsync(ct);
        if (outbox + inbox > 0) LogCleanedUp(logger, outbox, inbox);
    }

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(_options.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));

    [LoggerMessage(LogLevel.Warning, "Outbox relay failed ({Failures} in a row); retrying with backoff")]
    private static partial void LogRelayFailed(ILogger logger, Exception ex, int failures);

    [LoggerMessage(LogLevel.Warning, "Outbox relay: {Failed} publishes failed, {Sent} sent; first error: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, int failed, int sent, string error);

    [LoggerMessage(LogLevel.Information, "Outbox cleanup removed {Outbox} sent and {Inbox} processed rows")]
    private static partial void LogCleanedUp(ILogger logger, int outbox, int inbox);
}
