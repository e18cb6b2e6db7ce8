using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Scenario 8: the whole platform's start, as `eng/run.sh` does it (`dotnet run` of the AppHost, local PostgreSQL
/// and RabbitMQ), without the demo seed: from the command to both services answering /health through the gateway.
/// Twice: on a new data folder (initdb, the broker's first boot, every migration) and again on the same folder (a
/// restart). The AppHost is built first, untimed; its whole process group is stopped with SIGINT after each start.
/// </summary>
public static class ColdStart
{
    private const int Gateway = 5080;
    private static readonly int[] FixedPorts = [Gateway, 18888, 18889, 18890, 15672];

    public static async Task RunAsync(Options o, Report report)
    {
        var root = RepositoryRoot();
        if (FixedPorts.FirstOrDefault(InUse) is > 0 and var busy)
        {
            report.Note($"8: skipped: port {busy} is in use (is an AppHost running?)");
            return;
        }
        if (await RunAsync(root, "dotnet", "build AppHost/AppHost.csproj -c Release --nologo -v q", TimeSpan.FromMinutes(5)) != 0)
            throw new InvalidOperationException("building the AppHost failed");

        var data = Path.Combine(Path.GetTempPath(), $"unionplatform-coldstart-{Guid.NewGuid():N}");
        try
        {
            var first = await StartAsync(root, data, o.PhaseLimit);
            var again = await StartAsync(root, data, o.PhaseLimit);
            report.Add(new Row("8. platform start, AppHost to all healthy, no seed (new data folder)", $"{first.TotalSeconds:N1} s", "—", double.NaN,
                "< 30 s", first < TimeSpan.FromSeconds(30)));
            report.Add(new Row("8. platform restart on the same data folder", $"{again.TotalSeconds:N1} s", "—", double.NaN));
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<TimeSpan> StartAsync(string root, string data, TimeSpan limit)
    {
        // A session of its own, SIGINT not ignored: the AppHost and everything DCP started stop together.
        var start = new ProcessStartInfo("setsid", "env --default-signal=INT dotnet run --project AppHost/AppHost.csproj -c Release --no-build --launch-profile http")
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            Environment = { ["Seed__Enabled"] = "false", ["Infrastructure__DataFolder"] = data },
        };
        var clock = Stopwatch.StartNew();
        using var apphost = Process.Start(start)!;
        apphost.OutputDataReceived += (_, _) => { };
        apphost.ErrorDataReceived += (_, _) => { };
        apphost.BeginOutputReadLine();
        apphost.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            async Task<bool> Up(string service)
            {
                try { return (await http.GetAsync($"http://127.0.0.1:{Gateway}/{service}/health")).StatusCode == HttpStatusCode.OK; }
                catch (Exception) { return false; }
            }
            while (!(await Up("membership") && await Up("hardship")))
            {
                if (apphost.HasExited) throw new InvalidOperationException($"the AppHost exited ({apphost.ExitCode}) before the platform was up");
                if (clock.Elapsed > limit) throw new TimeoutException($"the platform was not up after {limit.TotalSeconds:N0} s");
                await Task.Delay(250);
            }
            return clock.Elapsed;
        }
        finally
        {
            await StopAsync(apphost);
        }
    }

    private static async Task StopAsync(Process apphost)
    {
        await RunAsync(".", "kill", $"-INT -- -{apphost.Id}", TimeSpan.FromSeconds(5));
        using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await apphost.WaitForExitAsync(stopped.Token); }
        catch (OperationCanceledException) { await RunAsync(".", "kill", $"-KILL -- -{apphost.Id}", TimeSpan.FromSeconds(5)); }
        // DCP removes the children a few seconds after the AppHost goes; the next start needs the fixed ports free.
        var deadline = Stopwatch.StartNew();
        while (FixedPorts.Any(InUse) && deadline.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(250);
    }

    private static async Task<int> RunAsync(string directory, string file, string arguments, TimeSpan limit)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory })!;
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static bool InUse(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return false;
        }
        catch (SocketException) { return true; }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "UnionPlatform.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (UnionPlatform.sln) was not found above the benchmark's folder");
    }
}
