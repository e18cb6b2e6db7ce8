using System.Data.Common;
using System.Threading.Channels;
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

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Waits for a notification or until <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try { await _wakeUps.Reader.ReadAsync(cts.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}

/// <summary>Notifies the relay after an implicit-transaction SaveChanges or an explicit commit.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData data, int result, CancellationToken ct = default)
    {
        if (data.Context?.Database.CurrentTransaction is null) signal.Notify();
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData data, int result)
    {
        if (data.Context?.Database.CurrentTransaction is null) signal.Notify();
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData data, CancellationToken ct = default)
    {
        signal.Notify();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData data) => signal.Notify();
}
