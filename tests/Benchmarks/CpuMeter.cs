using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Where the CPU went during a phase: this process (service + load generators), the PostgreSQL server and the
/// RabbitMQ node, read from /proc when the servers run on this machine (else only this process). On 2 cores,
/// CPU-seconds per operation explain throughput better than latency does.
/// </summary>
public sealed class CpuMeter
{
    private static readonly double Tick = 100.0; // USER_HZ on Linux
    private readonly int? _postmaster;
    private readonly int? _rabbit;

    private CpuMeter(int? postmaster, int? rabbit) => (_postmaster, _rabbit) = (postmaster, rabbit);

    public static async Task<CpuMeter> CreateAsync(BenchHost host, Uri management, Uri amqp)
    {
        int? postmaster = null, rabbit = null;
        try
        {
            var backend = (int)await Db.ScalarAsync(host, "SELECT pg_backend_pid()");
            if (Stat(backend) is { Comm: "postgres" } stat) postmaster = stat.Parent;
        }
        catch (Exception) { /* a remote server: no /proc for it */ }
        try
        {
            using var broker = new Broker(amqp, management);
            using var nodes = JsonDocument.Parse(await broker.GetStringAsync("api/nodes"));
            var pid = int.Parse(nodes.RootElement[0].GetProperty("os_pid").GetString()!, CultureInfo.InvariantCulture);
            if (Stat(pid) is { Comm: "beam.smp" }) rabbit = pid;
        }
        catch (Exception) { }
        return new CpuMeter(postmaster, rabbit);
    }

    public sealed record Sample(TimeSpan Wall, double Process, double? Postgres, double? Rabbit);

    public Sample Take() => new(TimeSpan.FromTicks(Stopwatch.GetTimestamp() * TimeSpan.TicksPerSecond / Stopwatch.Frequency),
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, PostgresSeconds(), _rabbit is { } r ? Stat(r)?.Seconds : null);

    /// <summary>"CPU per op: .NET a ms, PostgreSQL b ms, RabbitMQ c ms (total d of e core-ms available)".</summary>
    public static string PerOperation(Sample start, Sample end, int operations, string unit = "op")
    {
        if (operations <= 0) return "no operations";
        string Ms(double? s) => s is { } v ? (v * 1000 / operations).ToString("N2", CultureInfo.InvariantCulture) : "n/a";
        var (dotnet, pg, mq) = (end.Process - start.Process, end.Postgres - start.Postgres, end.Rabbit - start.Rabbit);
        var available = (end.Wall - start.Wall).TotalSeconds * Environment.ProcessorCount;
        var used = dotnet + (pg ?? 0) + (mq ?? 0);
        return $"CPU per {unit}: .NET {Ms(dotnet)} ms, PostgreSQL {Ms(pg)} ms, RabbitMQ {Ms(mq)} ms; " +
               $"these used {used / available:P0} of the machine's core-time (the rest: other load, idle)";
    }

    // The postmaster's own time plus its exited children's (cutime/cstime), plus every live child's.
    private double? PostgresSeconds()
    {
        if (_postmaster is not { } pm || Stat(pm) is not { } master) return null;
        var total = master.Seconds + master.ChildSeconds;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } s && s.Parent == pm) total += s.Seconds;
        return total;
    }

    private sealed record ProcStat(string Comm, int Parent, double Seconds, double ChildSeconds);

    private static ProcStat? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var (open, close) = (text.IndexOf('('), text.LastIndexOf(')'));
            var f = text[(close + 2)..].Split(' '); // f[0] is field 3 (state)
            double T(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture) / Tick;
            return new ProcStat(text[(open + 1)..close], int.Parse(f[1], CultureInfo.InvariantCulture), T(14) + T(15), T(16) + T(17));
        }
        catch (Exception) { return null; }
    }
}
