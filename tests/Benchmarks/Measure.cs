using System.Diagnostics;

namespace UnionPlatform.Benchmarks;

/// <summary>Latencies in milliseconds, recorded from many tasks at once into a preallocated array (no locks, no growth).</summary>
public sealed class Samples(int capacity)
{
    private readonly double[] _ms = new double[Math.Max(capacity, 1)];
    private int _count;

    public int Count => Math.Min(Volatile.Read(ref _count), _ms.Length);

    public void Add(double ms)
    {
        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _ms.Length) _ms[i] = ms;
    }

    public double Mean => Count == 0 ? double.NaN : _ms.AsSpan(0, Count).ToArray().Average();

    /// <summary>Nearest-rank percentile, p in 0..100; NaN when nothing was recorded.</summary>
    public double Percentile(double p)
    {
        var n = Count;
        if (n == 0) return double.NaN;
        var sorted = _ms.AsSpan(0, n).ToArray();
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * n) - 1, 0, n - 1)];
    }
}

public sealed record Run(int Completed, TimeSpan Elapsed, Samples Latency)
{
    public double PerSecond => Completed / Elapsed.TotalSeconds;
}

/// <summary>Load generators. Every loop is bounded twice: by a count and by a time limit.</summary>
public static class Load
{
    /// <summary>
    /// A closed loop: <paramref name="workers"/> tasks each run the next operation as soon as their last one ended,
    /// until <paramref name="count"/> operations ran or <paramref name="limit"/> passed. Failures propagate.
    /// </summary>
    public static async Task<Run> ClosedLoopAsync(int workers, int count, TimeSpan limit, Func<Task> operation)
    {
        var samples = new Samples(count);
        var (next, completed) = (-1, 0);
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count && Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                await operation();
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                Interlocked.Increment(ref completed);
            }
        })));
        return new Run(completed, clock.Elapsed, samples);
    }

    /// <summary>
    /// An open loop at <paramref name="rate"/> operations/s for <paramref name="duration"/>: operations start on
    /// schedule whether or not earlier ones finished (up to <paramref name="maxInFlight"/>; beyond that the producer
    /// itself is the bottleneck and the achieved rate, returned, falls short). Waits for all to finish, at most
    /// twice the duration plus 30 s.
    /// </summary>
    public static async Task<(int Started, double AchievedRate)> PacedAsync(double rate, TimeSpan duration, int maxInFlight, Func<Task> operation)
    {
        var total = (int)(rate * duration.TotalSeconds);
        using var gate = new SemaphoreSlim(maxInFlight);
        var running = new List<Task>(total);
        var hardStop = duration * 2 + TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(2));
        while (running.Count < total && clock.Elapsed < hardStop)
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
            while (running.Count < due && clock.Elapsed < hardStop)
            {
                if (!await gate.WaitAsync(hardStop)) break;
                running.Add(Task.Run(async () => { try { await operation(); } finally { gate.Release(); } }));
            }
            await tick.WaitForNextTickAsync();
        }
        var launchedIn = clock.Elapsed;
        await Task.WhenAll(running).WaitAsync(hardStop);
        return (running.Count, running.Count / launchedIn.TotalSeconds);
    }

    /// <summary>Polls <paramref name="done"/> every <paramref name="every"/> until it holds or <paramref name="limit"/> passes.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan limit, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await done()) return true;
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(50));
        }
        return await done();
    }
}
