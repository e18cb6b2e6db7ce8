using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UnionPlatform.ServiceDefaults.Observability;

namespace UnionPlatform.Messaging;

/// <summary>What one relay round did. <see cref="Waiting"/>: rows wait for older transactions still running (anywhere
/// on the server: transaction ids and so the snapshot's xmin are cluster-wide), so the next round comes soon.</summary>
public sealed record RelayRound(bool Leader, int Read, int Published, int Poisoned, int Transient, bool TimedOut, bool Waiting = false)
{
    public static readonly RelayRound NotLeader = new(false, 0, 0, 0, 0, false);
}

/// <summary>
/// Publishes committed outbox rows to RabbitMQ with publisher confirms and marks them sent. At-least-once: a crash
/// between the confirm and the mark republishes the same message id, which consumers' inboxes ignore.
/// Order: rows are read only once their writing transaction has ended for every snapshot (its xid is below the
/// snapshot's xmin), in (transaction id, row id) order. So no row can turn up later ahead of one already read:
/// a transaction that commits out of id order is simply waited for. One aggregate's rows then go one at a time,
/// and a failure stops that aggregate for the round so nothing overtakes it. The transaction order is the
/// aggregate's order because every write locks the aggregate first (a row lock or an optimistic version check).
/// Faults: a broker outage backs the relay off; a row that fails for reasons of its own is retried, then parked
/// with its aggregate's later rows (never holding up other aggregates); rounds that only time out get the relay a new
/// connection (<see cref="OutboxPublisher"/>).
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    OutboxPublisher publisher,
    OutboxSignal signal,
    OutboxStatus<TContext> status,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext, IOutboxDbContext
{
    // pg_try_advisory_xact_lock key: one relay per database at a time, so replicas never race on an aggregate.
    private const long LockKey = 0x756E_696F_6E6F_7574; // "unionout"; advisory locks are per database
    private static readonly KeyValuePair<string, object?> OutboxTag = MessagingMetrics.Tag(typeof(TContext).Name);
    private static readonly TimeSpan WaitingRetry = TimeSpan.FromMilliseconds(20);
    private readonly OutboxOptions _options = options.Value.Outbox;
    private int _timeoutRounds;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RelayEnabled) return;
        var failures = 0;
        var waitingDelay = WaitingRetry;
        var nextCleanup = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var round = await RelayBatchAsync(stoppingToken);
                failures = round.Transient > 0 ? failures + 1 : 0;
                if (round.Transient > 0)
                {
                    if (round.TimedOut && round.Published == 0 && ++_timeoutRounds >= _options.RecycleBusAfterTimeouts)
                        await RecycleConnectionAsync();
                    await Task.Delay(Backoff(failures), time, stoppingToken);
                }
                else
                {
                    _timeoutRounds = 0;
                    if (round.Read == _options.BatchSize) continue; // a backlog: keep draining
                    if (round.Waiting)
                    {
                        // Committed rows wait only for older transactions to end: look again shortly, not at the next
                        // poll. Shortly grows while it lasts: a long transaction anywhere on the server (an import,
                        // another service's; xmin is cluster-wide) must not make every relay poll 50 times a second.
                        // A commit here still wakes it at once.
                        await signal.WaitAsync(waitingDelay, stoppingToken);
                        waitingDelay = TimeSpan.FromTicks(Math.Min(waitingDelay.Ticks * 2, _options.PollInterval.Ticks));
                        continue;
                    }
                    waitingDelay = WaitingRetry;
                }

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

    /// <summary>Publishes one batch of the rows whose transactions every snapshot sees as ended.</summary>
    public async Task<RelayRound> RelayBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return RelayRound.NotLeader;

        var batch = await db.OutboxMessages.FromSql($"""
            SELECT o.* FROM outbox_messages o
            WHERE o.sent_at IS NULL AND o.parked_at IS NULL
              AND o.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              AND NOT EXISTS (SELECT 1 FROM outbox_messages p
                              WHERE p.parked_at IS NOT NULL AND p.sent_at IS NULL AND p.partition_key = o.partition_key)
            ORDER BY o.transaction_id, o.id
            LIMIT {_options.BatchSize}
            """).AsNoTracking().ToListAsync(ct);
        if (batch.Count == 0)
        {
            // Rows the relay will read once older transactions end (the same filter, without the snapshot condition).
            var waiting = await db.Database.SqlQuery<bool>($"""
                SELECT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.sent_at IS NULL AND o.parked_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM outbox_messages p
                                  WHERE p.parked_at IS NOT NULL AND p.sent_at IS NULL AND p.partition_key = o.partition_key)) AS "Value"
                """).SingleAsync(ct);
            await tx.CommitAsync(ct);
            if (!waiting) status.Progressed();
            return new RelayRound(true, 0, 0, 0, 0, false, waiting);
        }

        var sent = new ConcurrentBag<long>();
        var failed = new ConcurrentBag<Failure>();
        await Parallel.ForEachAsync(batch.GroupBy(m => m.PartitionKey),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxPublishConcurrency, CancellationToken = ct },
            async (partition, token) =>
            {
                foreach (var message in partition)
                {
                    var failure = await TryPublishAsync(message, token);
                    if (failure is null) { sent.Add(message.Id); continue; }
                    failed.Add(failure);
                    break; // later events of this aggregate must not overtake the failed one
                }
            });

        var now = time.GetUtcNow();
        var sentIds = sent.ToArray();
        if (sentIds.Length > 0)
            await db.OutboxMessages.Where(m => sentIds.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);
        // All failures of the round in one statement: 1,000 poison rows must not cost 1,000 round trips.
        var failures = failed.Select(f => (f.Message.Id, Error: f.Error.Length > 1000 ? f.Error[..1000] : f.Error,
            Attempts: f.Kind == FailureKind.Transient ? 0 : 1,
            Park: f.Kind == FailureKind.Permanent || (f.Kind == FailureKind.RowFault && f.Message.Attempts + 1 >= _options.MaxAttempts))).ToList();
        var parked = failures.Count(f => f.Park);
        if (failures.Count > 0)
        {
            long[] ids = [.. failures.Select(f => f.Id)];
            string[] errors = [.. failures.Select(f => f.Error)];
            int[] attempts = [.. failures.Select(f => f.Attempts)];
            bool[] park = [.. failures.Select(f => f.Park)];
            await db.Database.ExecuteSqlAsync($"""
                UPDATE outbox_messages o SET attempts = o.attempts + f.attempts, last_error = f.error,
                    parked_at = CASE WHEN f.park THEN {now} ELSE o.parked_at END
                FROM unnest({ids}, {errors}, {attempts}, {park}) AS f(id, error, attempts, park)
                WHERE o.id = f.id
                """, ct);
        }
        await tx.CommitAsync(ct);

        if (sentIds.Length > 0)
        {
            status.Progressed();
            MessagingMetrics.Published.Add(sentIds.Length, OutboxTag);
        }
        if (parked > 0)
        {
            MessagingMetrics.Parked.Add(parked, OutboxTag);
            LogParked(logger, parked, failed.First(f => f.Kind != FailureKind.Transient).Error);
        }
        var transient = failed.Count(f => f.Kind == FailureKind.Transient);
        if (!failed.IsEmpty) LogPublishFailed(logger, failed.Count, sentIds.Length, failed.First().Error);
        return new RelayRound(true, batch.Count, sentIds.Length, failed.Count - transient, transient,
            failed.Any(f => f.Kind == FailureKind.Transient && f.TimedOut));
    }

    private enum FailureKind { Transient, RowFault, Permanent }

    private sealed record Failure(OutboxMessage Message, FailureKind Kind, string Error, bool TimedOut = false);

    private async Task<Failure?> TryPublishAsync(OutboxMessage message, CancellationToken ct)
    {
        // A type nothing answers to will fail the same way forever: park it now. The body is embedded as stored
        // (jsonb, so always JSON); a body a consumer cannot read goes to that consumer's _error queue, with re-drive.
        if (MessageTypes.Resolve(message.MessageType) is not { } type)
            return new Failure(message, FailureKind.Permanent, $"No contract answers to {message.MessageType}.");
        // Continue the trace of the request that wrote the event; the consumer's span nests under this one.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var parent);
        using var activity = Telemetry.Source.StartActivity($"outbox relay {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", OutboxPublisher.ExchangeName(type));
        activity?.SetTag("messaging.message.id", message.MessageId);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.PublishTimeout);
            // WaitAsync as well as the token: a confirm lost with its connection may never observe the cancellation,
            // and one stuck publish must not hold the relay (and its transaction) forever. A publish abandoned here
            // may still land later: the consumers' inboxes absorb the duplicate.
            await publisher.PublishAsync(message, type, activity?.Id ?? message.TraceParent, timeout.Token).WaitAsync(_options.PublishTimeout, ct);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var timedOut = ex is TimeoutException or OperationCanceledException;
            var kind = timedOut || IsBrokerTrouble(ex) ? FailureKind.Transient : FailureKind.RowFault;
            return new Failure(message, kind, $"{ex.GetType().Name}: {ex.Message}", timedOut);
        }
    }

    // The broker or the way to it failed, not the row: such failures back off the relay and never count against a row.
    // A channel closed by the broker for this message (406 too large, 404 no exchange) is the row's fault.
    private static bool IsBrokerTrouble(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is RabbitMQ.Client.Exceptions.OperationInterruptedException { ShutdownReason.ReplyCode: 406 or 404 }) return false;
            if (e is TimeoutException or OperationCanceledException or IOException or System.Net.Sockets.SocketException
                || e.GetType().Namespace?.StartsWith("RabbitMQ.Client", StringComparison.Ordinal) == true)
                return true;
        }
        return false;
    }

    /// <summary>Aborts the relay's connection: the next publish opens a new one (and a new channel).</summary>
    private async Task RecycleConnectionAsync()
    {
        _timeoutRounds = 0;
        LogRecycling(logger, _options.RecycleBusAfterTimeouts);
        MessagingMetrics.BusRecycles.Add(1, OutboxTag);
        await publisher.ResetAsync();
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

    /// <summary>Runs one cleanup now (tests, and ops after changing the retention).</summary>
    public Task CleanupNowAsync(CancellationToken ct) => CleanupAsync(ct);

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(_options.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));

    [LoggerMessage(LogLevel.Warning, "Outbox relay failed ({Failures} in a row); retrying with backoff")]
    private static partial void LogRelayFailed(ILogger logger, Exception ex, int failures);

    [LoggerMessage(LogLevel.Warning, "Outbox relay: {Failed} publishes failed, {Sent} sent; first error: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, int failed, int sent, string error);

    [LoggerMessage(LogLevel.Error, "Outbox relay parked {Parked} rows (re-drive them with POST /ops/outbox/parked/redrive once fixed); first error: {Error}")]
    private static partial void LogParked(ILogger logger, int parked, string error);

    [LoggerMessage(LogLevel.Warning, "Outbox relay: publishes timed out for {Rounds} rounds with none confirmed; opening a new connection")]
    private static partial void LogRecycling(ILogger logger, int rounds);

    [LoggerMessage(LogLevel.Information, "Outbox cleanup removed {Outbox} sent and {Inbox} processed rows")]
    private static partial void LogCleanedUp(ILogger logger, int outbox, int inbox);
}
