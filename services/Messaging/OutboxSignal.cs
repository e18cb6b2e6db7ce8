using System.Data.Common;
using System.Threading.Channels;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace UnionPlatform.Messaging;

/// <summary>
/// Wakes the relay as soon as a transaction commits, so events leave within milliseconds rather than at the next
/// poll. Lossy by design: one pending wake-up is enough, and polling covers a missed one (or another replica's write).
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    // The channel takes a lock per write, which concurrent writers fought over (a profile of the registration path
    // showed it). While a wake-up is pending, further ones are dropped here without the lock.
    private int _pending;
    private long _notifications;

    /// <summary>How many times the relay was told of committed rows (ops and tests).</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    public void Notify()
    {
        Interlocked.Increment(ref _notifications);
        if (Interlocked.Exchange(ref _pending, 1) == 0) _wakeUps.Writer.TryWrite(true);
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try { await _wakeUps.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        // Cleared before the caller's round reads: a commit notified until now is seen by that round.
        Volatile.Write(ref _pending, 0);
    }
}

/// <summary>
/// Notifies the relay when outbox rows were committed: a context that staged some (<see cref="OutboxWriter.Publish{TEvent}"/>,
/// <see cref="OutboxBulkWriter"/>) signals after its SaveChanges in its own transaction, else at the commit. Commits that
/// wrote none stay quiet: the relay's own read-only rounds once woke the relay again, so an idle relay spun at
/// hundreds of rounds a second.
/// </summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts holding outbox rows not yet committed, marked by OutboxWriter.Publish (cheaper than scanning the change
    // tracker on every save). Static: a context has one set of interceptors, and tests run several apps in a process.
    private static readonly ConditionalWeakTable<DbContext, object> AwaitingCommit = new();

    internal static void Staged(DbContext context) => AwaitingCommit.AddOrUpdate(context, context);

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData data, int result, CancellationToken ct = default)
    {
        Saved(data.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData data, int result)
    {
        Saved(data.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken ct = default)
    {
        Committed(data.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData data) => Committed(data.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken ct = default)
    {
        if (data.Context is { } context) AwaitingCommit.Remove(context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData data)
    {
        if (data.Context is { } context) AwaitingCommit.Remove(context);
    }

    private void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null) Committed(context);
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && AwaitingCommit.Remove(context)) signal.Notify();
    }
}
