using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.UseCases;
using UnionPlatform.Messaging;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Testing;

namespace UnionPlatform.FinanceAudit.Tests.Support;

/// <summary>
/// The FinanceAudit service in-process against the real test PostgreSQL (its own database) and RabbitMQ (its own
/// virtual host). Membership and HardshipAid are played by the test, publishing their events on the same broker.
/// </summary>
public sealed class FinanceApp() : ServiceApp<Program, FinanceDbContext>(ResourceNames.FinanceDb, "finance")
{
    /// <summary>The seam between a payment's two phases; a test may make it fail.</summary>
    public FaultAfterReserve Faults { get; } = new();

    /// <summary>Every delivery the consumers finished, by message type.</summary>
    public ConsumedCounter Consumed { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<PaymentFaults>(Faults);
            services.AddConsumeObserver(_ => Consumed);
        });
    }

    /// <summary>The staged events of one type (by its name in the FinanceAudit contracts) for one aggregate, as their JSON bodies.</summary>
    public Task<List<JsonElement>> OutboxAsync(string eventType, Guid partition) => OutboxAsync(
        typeof(UnionPlatform.Contracts.IIntegrationEvent).Assembly.GetType("UnionPlatform.Contracts.FinanceAudit." + eventType, throwOnError: true)!, partition);
}

/// <summary>Counts deliveries as the consumers finish them, so a test knows when every copy it sent was handled.</summary>
public sealed class ConsumedCounter : MassTransit.IConsumeObserver
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Type, int> _done = new();

    public int Of<T>() => _done.GetValueOrDefault(typeof(T));

    public Task PreConsume<T>(MassTransit.ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(MassTransit.ConsumeContext<T> context) where T : class
    {
        _done.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    // A fault is retried (or dead-lettered): only a finished delivery counts.
    public Task ConsumeFault<T>(MassTransit.ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>Throws once for each request id it is armed with, right after the reserve: a crash between the phases.</summary>
public sealed class FaultAfterReserve : PaymentFaults
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> _armed = new();

    private int _fired;

    public int Fired => _fired;

    public void Arm(Guid requestId) => _armed[requestId] = true;

    public override Task AfterReserveAsync(Guid requestId)
    {
        if (!_armed.TryRemove(requestId, out _)) return Task.CompletedTask;
        Interlocked.Increment(ref _fired);
        throw new InvalidOperationException("Injected crash between reserve and post.");
    }
}
