using System.Diagnostics;
using Npgsql;
using UnionPlatform.Testing;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Figures for the Membership service on this machine, each as a ratio to a baseline measured in the same run, so
/// the machine's speed and its load at the time largely cancel out. Not a test: it prints a table and exits 0
/// whether goals are met or not (non-zero only if it could not run). See Options for the sizes and --quick.
/// Named BenchmarkProgram, not Program: the service's entry point class is Program.
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help")) { Console.WriteLine(Options.Usage); return 0; }
        Options o;
        try { o = Options.Parse(args); }
        catch (ArgumentException ex) { Console.Error.WriteLine(ex.Message); return 2; }

        // WebApplicationFactory finds the service's content root through MvcTestingAppManifest.json in the *current*
        // directory (dotnet test runs from the output folder; dotnet run does not).
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var (_, rabbit, management) = await TestServers.GetAsync();
        using var broker = new Broker(rabbit, management);
        var report = new Report();
        var hosts = new List<BenchHost>();
        var total = Stopwatch.StartNew();
        report.Note($"machine: {Environment.ProcessorCount} cores, load average at start {LoadAverage()}; mode: {(o.Quick ? "--quick" : "full")}; " +
                    "service hosted in-process on Kestrel (127.0.0.1, real sockets); load generators share the same cores");
        try
        {
            if (o.Only.Overlaps([1, 2, 3, 4, 5]))
            {
                var main = await BenchHost.StartAsync("main", o);
                hosts.Add(main);
                using var admin = main.Client();
                var district = await Setup.DistrictAsync(admin);
                var (union, enterprise) = await Setup.UnionAsync(admin, district);
                var bench = new Bench(main, o, report, await CpuMeter.CreateAsync(main, management, rabbit), broker, district, union, enterprise);
                await Scenario(1, o, report, () => Registrations.RunAsync(bench));
                await Scenario(2, o, report, () => OutboxCost.RunAsync(bench));
                await Scenario(3, o, report, () => RelayDrain.RunAsync(bench));
                await Scenario(4, o, report, () => Lag.RunAsync(bench));
                await Scenario(5, o, report, () => Import.RunAsync(bench));
                await main.DisposeAsync(); // its tracer listens to every host in the process: gone before the next hosts start
            }
            foreach (var size in o.Only.Contains(6) ? o.CoverageSizes : [])
            {
                var host = await BenchHost.StartAsync($"coverage{size}", o);
                hosts.Add(host);
                var bench = new Bench(host, o, report, await CpuMeter.CreateAsync(host, management, rabbit), broker, default, default, default);
                await Scenario(6, o, report, () => Coverage.RunAsync(bench, size));
                await host.DisposeAsync(); // its pooled connections and consumers go before the next, bigger seed
            }
            await Scenario(7, o, report, () => TracingCost.RunAsync(o, report, broker, hosts, management, rabbit));
            await Scenario(8, o, report, () => ColdStart.RunAsync(o, report));
        }
        finally
        {
            await CleanUpAsync(hosts, broker, o.Keep);
        }
        report.Note($"load average at end {LoadAverage()}; total {total.Elapsed.TotalMinutes:N1} min");
        Console.WriteLine();
        Console.WriteLine(report.Render());
        return 0;
    }

    /// <summary>Runs one scenario; a failure is reported and the run goes on, so one broken figure does not hide the others.</summary>
    private static async Task Scenario(int number, Options o, Report report, Func<Task> run)
    {
        if (!o.Only.Contains(number)) return;
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] scenario {number} (load {LoadAverage()})");
        try { await run(); }
        catch (Exception ex) { report.Note($"{number}: FAILED: {ex.GetType().Name}: {ex.Message}"); }
    }

    private static async Task CleanUpAsync(List<BenchHost> hosts, Broker broker, bool keep)
    {
        foreach (var host in hosts)
        {
            try { await host.DisposeAsync(); } catch (ObjectDisposedException) { }
            if (keep) continue;
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(host.Database).Database;
            var admin = new NpgsqlConnectionStringBuilder(host.Database) { Database = "postgres", Pooling = false }.ConnectionString;
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            await broker.DeleteVirtualHostAsync(host.VirtualHost);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
