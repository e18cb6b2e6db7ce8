using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace UnionPlatform.ServiceDefaults.Hosting;

/// <summary>
/// Work a service does on a clock (marking due re-elections, applying allowance standards on their day): once at
/// start-up, then every <paramref name="interval"/>. A failed run is logged and retried at the next tick.
/// </summary>
public abstract partial class PeriodicJob(TimeProvider time, TimeSpan interval, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;
    protected ILogger Logger { get; } = logger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        do
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogFailed(Logger, ex, GetType().Name); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    [LoggerMessage(LogLevel.Warning, "{Job} failed; it runs again at its next tick")]
    private static partial void LogFailed(ILogger logger, Exception ex, string job);
}
