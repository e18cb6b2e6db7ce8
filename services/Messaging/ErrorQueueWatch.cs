using MassTransit;
using Microsoft.Extensions.Hosting;

namespace UnionPlatform.Messaging;

/// <summary>
/// Learns the service's consumer queues as MassTransit starts them and reports the depth of each one's _error queue
/// every 15 s, as the gauge unionplatform.messaging.error_queue.depth: a message parked there is visible in the
/// dashboard long before someone asks GET /ops/dead-letters/{queue}.
/// </summary>
public sealed class ErrorQueueWatch(DeadLetters deadLetters, TimeProvider time) : BackgroundService, IReceiveEndpointObserver
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    private readonly HashSet<string> _queues = [];

    public Task Ready(ReceiveEndpointReady ready)
    {
        var queue = ready.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (queue is not null) lock (_queues) _queues.Add(queue);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;
    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;
    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(Interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            string[] queues;
            lock (_queues) queues = [.. _queues];
            if (queues.Length == 0) continue;
            try
            {
                foreach (var (queue, depth) in await deadLetters.CountAsync(queues, stoppingToken)) MessagingMetrics.ReportErrorQueue(queue, depth);
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested) { } // the broker is away; next round
        }
    }
}
