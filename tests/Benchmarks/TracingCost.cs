namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 7: what tracing costs at full load. The registration loop of scenario 1 on a fresh host per setting,
/// one after the other (a tracer listens to every host in the process, so no other host may be running), each
/// exporting over OTLP/HTTP to <see cref="OtlpSink"/>: tracing off, the default (10% of traces, plus every failed or
/// slow one kept whole), every trace, and 10% without keeping the failed and slow ones.
/// </summary>
public static class TracingCost
{
    private static readonly Dictionary<string, string> Off = new() { ["Telemetry:Tracing:SampleRatio"] = "0", ["Telemetry:Tracing:KeepFailedAndSlow"] = "false" };

    private static readonly (string Name, Dictionary<string, string> Settings)[] Variants =
    [
        ("off", Off), ("default", new()), ("every trace", new() { ["Telemetry:Tracing:SampleRatio"] = "1" }),
        ("10% only", new() { ["Telemetry:Tracing:KeepFailedAndSlow"] = "false" }),
    ];
    private const int Rounds = 2;

    private sealed class Totals
    {
        public int Completed;
        public double Seconds, DotnetSeconds;
        public double Rate => Completed / Seconds;
        public double DotnetMs => DotnetSeconds * 1000 / Completed;
    }

    /// <summary>
    /// Two rounds, the order rotated each round, a fresh host per run: the machine's load drifts (other tenants) and
    /// the process's JIT warms across hosts, so each variant meets early and late conditions alike. Compared on
    /// registrations/s and on this process's CPU per registration (PostgreSQL's does not depend on tracing).
    /// </summary>
    public static async Task RunAsync(Options o, Report report, Broker broker, List<BenchHost> hosts, Uri management, Uri amqp)
    {
        using var sink = new OtlpSink();
        var totals = Variants.ToDictionary(v => v.Name, _ => new Totals());
        // Round 0 is one untimed host: a process whose JIT is still cold (--only 7) would otherwise charge its first variant.
        for (var round = -1; round < Rounds; round++)
        {
            for (var i = 0; i < (round < 0 ? 1 : Variants.Length); i++)
            {
                var (name, settings) = round < 0 ? ("warm-up", Off) : Variants[(i + round) % Variants.Length];
                var all = new Dictionary<string, string>(o.Settings)
                {
                    ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.ToString(), ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                };
                foreach (var (key, value) in settings) all[key] = value;
                var host = await BenchHost.StartAsync($"tracing{round}{i}", o with { Settings = all });
                hosts.Add(host);
                using (var admin = host.Client())
                {
                    var (union, enterprise) = await Setup.UnionAsync(admin, await Setup.DistrictAsync(admin));
                    await host.StartRelayAsync();
                    using var http = host.Client(o.Clients);
                    var register = Registrations.Register(http, union, enterprise);
                    var cpu = await CpuMeter.CreateAsync(host, management, amqp);
                    await Load.ClosedLoopAsync(o.Clients, o.Warmup / 4, o.PhaseLimit, register);
                    await Db.SettleAsync(host, o.PhaseLimit);
                    var (before, bytes) = (cpu.Take(), sink.Bytes);
                    var run = await Load.ClosedLoopAsync(o.Clients, o.Registrations / 4, o.PhaseLimit, register);
                    var after = cpu.Take();
                    if (round >= 0)
                    {
                        var t = totals[name];
                        (t.Completed, t.Seconds, t.DotnetSeconds) = (t.Completed + run.Completed, t.Seconds + run.Elapsed.TotalSeconds, t.DotnetSeconds + after.Process - before.Process);
                        report.Note($"7: round {round + 1}, tracing {name}: {run.PerSecond:N0} reg/s, p99 {run.Latency.Percentile(99):N1} ms; " +
                                    $"{CpuMeter.PerOperation(before, after, run.Completed, "registration")}; " +
                                    $"exported {(sink.Bytes - bytes) / 1024.0 / run.Completed:N2} KiB per registration");
                    }
                }
                await host.DisposeAsync(); // its tracer goes with it, before the next host starts
            }
        }
        var off = totals["off"];
        foreach (var (name, goal) in new[] { ("default", true), ("every trace", false), ("10% only", false) })
        {
            var t = totals[name];
            var label = name switch
            {
                "default" => "default tracing (10% + failed/slow kept whole)",
                "every trace" => "every trace exported",
                _ => "10% of traces, failed/slow not kept",
            };
            report.Add(new Row($"7. registrations/s, {label} vs tracing off", Report.Rate(t.Rate, "reg/s"), Report.Rate(off.Rate, "reg/s off"),
                t.Rate / off.Rate, goal ? "≥ 0.90×" : "—", goal ? t.Rate / off.Rate >= 0.9 : null));
            report.Add(new Row($"7. .NET CPU per registration, {label} vs off", $"{t.DotnetMs:N2} ms", $"{off.DotnetMs:N2} ms off",
                t.DotnetMs / off.DotnetMs, goal ? "≤ 1.10×" : "—", goal ? t.DotnetMs / off.DotnetMs <= 1.1 : null));
        }
    }
}
