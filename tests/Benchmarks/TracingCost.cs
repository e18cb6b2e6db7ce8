namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 7: what tracing costs at full load. The registration loop of scenario 1 on a fresh host per setting,
/// one after the other (a tracer listens to every host in the process, so no other host may be running), each
/// exporting over OTLP/HTTP to <see cref="OtlpSink"/>: tracing off, the default (10% of traces, plus every failed or
/// slow one kept whole), every trace, and off again.
/// </summary>
public static class TracingCost
{
    private static readonly Dictionary<string, string> Off = new() { ["Telemetry:Tracing:SampleRatio"] = "0", ["Telemetry:Tracing:KeepFailedAndSlow"] = "false" };

    // Off first and last: the process's JIT keeps warming across hosts, so the baseline is the mean of both ends.
    private static readonly (string Name, Dictionary<string, string> Settings)[] Variants =
    [
        ("off", Off), ("default", new()), ("every trace", new() { ["Telemetry:Tracing:SampleRatio"] = "1" }), ("off again", Off),
    ];

    public static async Task RunAsync(Options o, Report report, Broker broker, List<BenchHost> hosts, Uri management, Uri amqp)
    {
        using var sink = new OtlpSink();
        var rates = new Dictionary<string, double>();
        foreach (var (name, settings) in Variants)
        {
            var all = new Dictionary<string, string>(o.Settings)
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Endpoint.ToString(), ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            };
            foreach (var (key, value) in settings) all[key] = value;
            var host = await BenchHost.StartAsync($"tracing{rates.Count}", o with { Settings = all });
            hosts.Add(host);
            using (var admin = host.Client())
            {
                var (union, enterprise) = await Setup.UnionAsync(admin, await Setup.DistrictAsync(admin));
                await host.StartRelayAsync();
                using var http = host.Client(o.Clients);
                var register = Registrations.Register(http, union, enterprise);
                var cpu = await CpuMeter.CreateAsync(host, management, amqp);
                await Load.ClosedLoopAsync(o.Clients, o.Warmup / 2, o.PhaseLimit, register);
                await Db.SettleAsync(host, o.PhaseLimit);
                var (before, bytes) = (cpu.Take(), sink.Bytes);
                var run = await Load.ClosedLoopAsync(o.Clients, o.Registrations / 2, o.PhaseLimit, register);
                rates[name] = run.PerSecond;
                report.Note($"7: tracing {name}: {run.PerSecond:N0} reg/s, p99 {run.Latency.Percentile(99):N1} ms; " +
                            $"{CpuMeter.PerOperation(before, cpu.Take(), run.Completed, "registration")}; " +
                            $"exported {(sink.Bytes - bytes) / 1024.0 / run.Completed:N2} KiB per registration");
            }
            await host.DisposeAsync(); // its tracer goes with it, before the next host starts
        }
        rates["off"] = (rates["off"] + rates["off again"]) / 2;
        report.Add(new Row("7. registrations/s, default tracing (10% + failed/slow kept) vs off", Report.Rate(rates["default"], "reg/s"),
            Report.Rate(rates["off"], "reg/s off (mean)"), rates["default"] / rates["off"], "≥ 0.90×", rates["default"] / rates["off"] >= 0.9));
        report.Add(new Row("7. registrations/s, every trace exported vs off", Report.Rate(rates["every trace"], "reg/s"),
            Report.Rate(rates["off"], "reg/s off (mean)"), rates["every trace"] / rates["off"]));
    }
}
