using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UnionPlatform.ServiceDefaults;

namespace UnionPlatform.EndToEnd.Tests.Support;

/// <summary>
/// The whole platform, started once per test class through the real AppHost (Aspire.Hosting.Testing): PostgreSQL,
/// RabbitMQ, the Membership service and the gateway, in Development (for /dev/token), with a small demo city and the
/// local servers' data in a fresh temporary folder, so a run never shares data with a developer's AppHost or
/// another run. Disposing it stops everything and checks that no process it started is left behind.
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    /// <summary>Generous for a loaded 2-core machine (a quiet one starts in ~20 s); bounded so a broken start fails.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private const int SeedMembers = 2000;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"unionplatform-e2e-{Guid.NewGuid():N}");
    private DistributedApplication? _app;
    private HashSet<ProcessInfo.Identity> _started = [];

    public Uri Gateway { get; private set; } = null!;

    /// <summary>What the platform logged, for the failure message of a start that did not finish.</summary>
    private readonly StringBuilder _log = new();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.Combine(_dataFolder, "postgres")); File.WriteAllText(Path.Combine(_dataFolder, "postgres", "junk"), "x"); // EXPERIMENT
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "Infrastructure:Mode=auto",                    // containers when a Docker engine answers, else local processes
            $"Infrastructure:DataFolder={_dataFolder}",    // the local servers' data: fresh, never a developer's
            $"Seed:Members={SeedMembers}",                 // the demo city, small enough to load in a second or two
            $"Parameters:auth-signing-key={Convert.ToHexString(Guid.NewGuid().ToByteArray())}{Guid.NewGuid():N}",
            "DcpPublisher:WaitForResourceCleanup=true",    // DisposeAsync returns once DCP has stopped every resource
        ],
            (_, settings) => settings.EnvironmentName = Environments.Development, // the gateway maps /dev/token only there
            timeout.Token);
        // The AppHost's log (resource output included) goes to memory and platform.log, not the test console.
        builder.Services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning)
            .AddProvider(new CapturingLoggerProvider(_log)));

        _app = await builder.BuildAsync(timeout.Token);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var failure = FirstFailureAsync(_app.ResourceNotifications, watching.Token);
        try
        {
            await _app.StartAsync(timeout.Token);
            // The gateway waits for Membership, which waits for PostgreSQL and RabbitMQ: healthy gateway, platform up.
            var healthy = _app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, WaitBehavior.StopOnResourceUnavailable, timeout.Token);
            if (await Task.WhenAny(healthy, failure) == failure && await failure is { Length: > 0 } why)
                throw new DistributedApplicationException(why);
            await healthy;
        }
        catch (Exception ex) when (ex is OperationCanceledException or DistributedApplicationException)
        {
            var reason = ex is OperationCanceledException ? $"did not become healthy within {StartTimeout.TotalSeconds:F0} s" : $"failed to start: {ex.Message}";
            WriteLog();
            throw new InvalidOperationException($"The platform {reason} (full log: {LogFile}).{Environment.NewLine}{Describe()}", ex);
        }
        finally
        {
            await watching.CancelAsync();
        }

        Gateway = _app.GetEndpoint(ResourceNames.Gateway, "http");
        _started = ProcessInfo.StartedBy(Environment.ProcessId);
        Console.WriteLine($"Platform up in {watch.Elapsed.TotalSeconds:F1} s; gateway {Gateway}; {_started.Count} processes started.");
    }

    /// <summary>
    /// Which resource gave up, and how, as soon as one does: a server script that exits or a service that crashes
    /// would otherwise leave everything after it Waiting until the start timeout.
    /// </summary>
    private static async Task<string> FirstFailureAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        string[] failed = [.. KnownResourceStates.TerminalStates, KnownResourceStates.RuntimeUnhealthy, KnownResourceStates.ValueMissing];
        try
        {
            await foreach (var e in notifications.WatchAsync(cancellationToken))
                if (e.Snapshot.State?.Text is { } state && failed.Contains(state))
                    return $"{e.Resource.Name} is {state}{(e.Snapshot.ExitCode is { } code ? $" (exit code {code})" : "")}";
        }
        catch (OperationCanceledException) { }
        return "";
    }

    /// <summary>A client for the gateway; <paramref name="token"/> becomes its bearer token.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        // Whatever started, including servers of a start that failed half-way.
        _started.UnionWith(ProcessInfo.StartedBy(Environment.ProcessId));

        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            try { await _app.StopAsync(timeout.Token); }
            catch (OperationCanceledException) { /* the leftover check below says what is still running */ }
        }
        await _app.DisposeAsync();

        // DCP itself (and anything a script started and lost track of) must be gone too.
        var leftovers = await ProcessInfo.WaitUntilGoneAsync(_started, _dataFolder, StopTimeout);
        WriteLog();
        if (leftovers.Count > 0)
            throw new InvalidOperationException($"Processes the platform started are still running {StopTimeout.TotalSeconds:F0} s after it stopped:"
                + Environment.NewLine + string.Join(Environment.NewLine, leftovers));

        if (Directory.Exists(_dataFolder)) Directory.Delete(_dataFolder, recursive: true);
    }

    /// <summary>The last run's AppHost log, next to the test assembly.</summary>
    public static string LogFile { get; } = Path.Combine(AppContext.BaseDirectory, "platform.log");

    private void WriteLog()
    {
        lock (_log) File.WriteAllText(LogFile, _log.ToString());
    }

    /// <summary>Each resource's state and health, and the last log lines, for a start that failed.</summary>
    private string Describe()
    {
        var lines = new List<string>();
        var model = _app!.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var resource in model.Resources)
        {
            if (!_app.ResourceNotifications.TryGetCurrentState(resource.Name, out var e)) continue;
            lines.Add($"  {resource.Name}: {e.Snapshot.State?.Text ?? "?"}, health {e.Snapshot.HealthStatus?.ToString() ?? "?"}");
        }
        if (PortInUse(5080)) lines.Add("  Port 5080 answers: is a developer's AppHost running?");
        string log;
        lock (_log) log = _log.ToString();
        var tail = log.Split('\n').TakeLast(40);
        return "Resources:" + Environment.NewLine + string.Join(Environment.NewLine, lines)
            + Environment.NewLine + "Last log lines:" + Environment.NewLine + string.Join('\n', tail);
    }

    private static bool PortInUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(1)) && client.Connected;
        }
        catch (AggregateException) { return false; }
    }
}
