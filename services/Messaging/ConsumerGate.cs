using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.Messaging;

/// <summary>
/// Bounds the consumer transactions of the whole service (every endpoint together) to its share of the connection
/// pool (<see cref="ConnectionBudget.Consumers"/>). Prefetch stays high for throughput; the messages beyond the bound
/// wait here, in memory, instead of timing out on the pool and being retried towards the _error queue.
/// </summary>
public sealed class ConsumerGate(ConnectionBudget? budget)
{
    private readonly SemaphoreSlim _slots = new(budget?.Consumers ?? 64);

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Slot(_slots);
    }

    /// <summary>The service's gate, from the message's scope (a consumer without one runs unbounded, as in a unit test).</summary>
    public static Task<IDisposable> EnterAsync(ConsumeContext context) =>
        context.TryGetPayload(out IServiceProvider? services) && services.GetService<ConsumerGate>() is { } gate
            ? gate.EnterAsync(context.CancellationToken)
            : Task.FromResult<IDisposable>(new Slot(null));

    private sealed class Slot(SemaphoreSlim? slots) : IDisposable
    {
        private SemaphoreSlim? _slots = slots;
        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
