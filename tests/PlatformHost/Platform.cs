using Xunit;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UnionPlatform.AppHost;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Testing.PlatformHost;

/// <summary>
/// The whole platform, started once per test class through the real AppHost (Aspire.Hosting.Testing): PostgreSQL,
/// RabbitMQ, the identity provider, the services and the gateway, in Development (the demo accounts), with a small
/// demo city.
/// It never meets a developer's AppHost: the local servers' data lives in a fresh temporary folder, and the testing
/// builder gives every proxied endpoint a random port (the gateway's 5080 and the management UI's 15672 included).
/// Disposing it stops everything and fails if any process it started is still running.
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    /// <summary>Generous for a loaded 2-core machine (a quiet one is up in ~20 s); bounded so a broken start fails.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private const int SeedMembers = 2000;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"unionplatform-e2e-{Guid.NewGuid():N}");
    private readonly StringBuilder _log = new();
    private DistributedApplication? _app;
    private HashSet<ProcessInfo.Identity> _started = [];

    /// <summary>The gateway's address, as the testing builder allocated it.</summary>
    public Uri Gateway { get; private set; } = null!;

    /// <summary>The last run's AppHost log (resource output included), next to the test assembly.</summary>
    public static string LogFile { get; } = Path.Combine(AppContext.BaseDirectory, "platform.log");

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "Infrastructure:Mode=auto",                 // containers when a Docker engine answers, else local processes
            $"Infrastructure:DataFolder={_dataFolder}", // the local servers' data: fresh, never a developer's
            $"Seed:Members={SeedMembers}",              // the demo city, small enough to load in a second or two
            "DcpPublisher:WaitForResourceCleanup=true", // stopping returns once DCP has stopped every resource
        ],
            // Development: the demo accounts and the dev-tools client the tests sign in with exist only there.
            (_, settings) => settings.EnvironmentName = Environments.Development,
            timeout.Token);
        // The AppHost's log goes to memory and platform.log rather than flooding the test console.
        builder.Services.AddLogging(logging => logging
            .ClearProviders()
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning)
            .AddProvider(new CapturingLoggerProvider(_log)));

        _app = await builder.BuildAsync(timeout.Token);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var failure = FirstFailureAsync(_app.ResourceNotifications, watching.Token);
        var ready = StartAsync(_app, timeout.Token);
        try
        {
            // StartAsync itself waits for resources that wait for others, so a server that dies must be noticed beside it.
            if (await Task.WhenAny(ready, failure) == failure && await failure is { Length: > 0 } why)
            {
                await timeout.CancelAsync();
                try { await ready.WaitAsync(TimeSpan.FromSeconds(10)); }
                catch (Exception) { /* cancelled on purpose; the failure below is the news */ }
                throw new DistributedApplicationException(why);
            }
            await ready;
        }
        catch (Exception ex) when (ex is OperationCanceledException or DistributedApplicationException)
        {
            WriteLog();
            var reason = ex is OperationCanceledException ? $"was not up within {StartTimeout.TotalSeconds:F0} s" : $"failed to start: {ex.Message}";
            throw new InvalidOperationException($"The platform {reason}. Full log: {LogFile}{Environment.NewLine}{Describe()}", ex);
        }
        finally
        {
            await watching.CancelAsync();
        }

        Gateway = _app.GetEndpoint(ResourceNames.Gateway, "http");
        _started = ProcessInfo.StartedBy(Environment.ProcessId);
        Console.WriteLine($"Platform up in {watch.Elapsed.TotalSeconds:F1} s: gateway {Gateway}, {_started.Count} processes.");
    }

    /// <summary>The gateway waits for Membership, which waits for PostgreSQL and RabbitMQ: a healthy gateway is a platform up.</summary>
    private static async Task StartAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, WaitBehavior.StopOnResourceUnavailable, cancellationToken);
    }

    /// <summary>
    /// Which resource gave up, and how, as soon as one does: a server script that exits or a service that crashes
    /// would otherwise leave everything that waits for it Waiting until the start timeout. Empty when cancelled.
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

    /// <summary>
    /// An access token for a demo account, signed in as a person would: the provider's pages through the gateway
    /// (the code flow with PKCE, the city admin's authenticator code included). Keys enrolled are kept for the next.
    /// </summary>
    public async Task<string> TokenAsync(string role, string? district = null)
    {
        var userName = role switch
        {
            UnionRoles.CityAdmin => "city-admin",
            UnionRoles.Auditor => "auditor",
            UnionRoles.DistrictStaff => $"{district ?? throw new ArgumentNullException(nameof(district))}-staff",
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "no demo account has this role"),
        };
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
        {
            BaseAddress = new Uri(Gateway, "identity/"), Timeout = TimeSpan.FromSeconds(30),
        };
        var client = new SignInClient(browser, ServiceConfiguration.DevToolsClientId, new Uri(ServiceConfiguration.DevToolsRedirectUri))
        {
            AuthenticatorKey = AuthenticatorKeys.GetValueOrDefault(userName),
        };
        var tokens = await client.SignInAsync(new SignInClient.Person(userName, DemoPassword))
                     ?? throw new InvalidOperationException($"{userName} could not sign in: {client.LastPage}");
        if (client.AuthenticatorKey is { } key) AuthenticatorKeys[userName] = key;
        return tokens.AccessToken;
    }

    /// <summary>The demo accounts' password, as the README's quick start gives it.</summary>
    public const string DemoPassword = "jiangzhou-demo-2026";
    /// <summary>The authenticator keys enrolled so far, by user name: whoever signs in next (HTTP or browser) gives their codes.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> AuthenticatorKeys { get; } = new();

    /// <summary>
    /// Stops a resource (to test what people see while a service is down) until the returned handle is disposed,
    /// which starts it again and returns once the gateway routes to it (its /health answers through the gateway):
    /// the next test finds the platform whole. Waits on states and answers, never on a fixed delay.
    /// </summary>
    public async Task<IAsyncDisposable> StopResourceAsync(string resource, string gatewayPrefix)
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        var target = _app!.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        var commands = _app.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync(target, "resource-stop", timeout.Token);
        if (!stopped.Success) throw new InvalidOperationException($"{resource} did not stop: {stopped.Message}");
        await _app.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state), timeout.Token);
        return new Restart(async () =>
        {
            using var starting = new CancellationTokenSource(StartTimeout);
            var started = await commands.ExecuteCommandAsync(target, "resource-start", starting.Token);
            if (!started.Success) throw new InvalidOperationException($"{resource} did not start again: {started.Message}");
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, starting.Token);
            using var client = Client();
            while (true)
            {
                using var answer = await client.GetAsync($"{gatewayPrefix}/health", starting.Token);
                if (answer.IsSuccessStatusCode) return;
                await Task.Delay(200, starting.Token); // the gateway's health check readmits it within its 5 s interval
            }
        });
    }

    private sealed class Restart(Func<Task> start) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await start();
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
        // Whatever started, including the servers of a start that failed half-way.
        _started.UnionWith(ProcessInfo.StartedBy(Environment.ProcessId));

        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            try { await _app.StopAsync(timeout.Token); }
            catch (OperationCanceledException) { /* the check below says what is still running */ }
        }
        await _app.DisposeAsync();

        // DCP itself, and anything a script started and lost track of, must be gone too.
        var leftovers = await ProcessInfo.WaitUntilGoneAsync(_started, _dataFolder, StopTimeout);
        WriteLog();
        if (leftovers.Count > 0)
            throw new InvalidOperationException($"Processes the platform started still run {StopTimeout.TotalSeconds:F0} s after it stopped "
                + $"(log: {LogFile}):{Environment.NewLine}{string.Join(Environment.NewLine, leftovers)}");

        if (Directory.Exists(_dataFolder)) Directory.Delete(_dataFolder, recursive: true);
    }

    private void WriteLog()
    {
        lock (_log) File.WriteAllText(LogFile, _log.ToString());
    }

    /// <summary>Each resource's state and health, and what went wrong according to the log, for a start that failed.</summary>
    private string Describe()
    {
        var text = new StringBuilder("Resources:").AppendLine();
        var model = _app!.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var resource in model.Resources)
            if (_app.ResourceNotifications.TryGetCurrentState(resource.Name, out var e))
                text.AppendLine($"  {resource.Name}: {e.Snapshot.State?.Text ?? "?"}, health {e.Snapshot.HealthStatus?.ToString() ?? "?"}");
        if (PortAnswers(5080))
            text.AppendLine("  (Port 5080 answers: a developer's AppHost is running. The test does not use that port, but it shares the CPU.)");

        string[] lines;
        lock (_log) lines = _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Health checks log every failed probe as an error; those say "not up yet", not why.
        var errors = lines.Where(l => l.Contains(" Error ", StringComparison.Ordinal) && !l.Contains(".HealthChecks.", StringComparison.Ordinal));
        text.AppendLine("Errors logged (last 15):").AppendJoin(Environment.NewLine, errors.TakeLast(15)).AppendLine();
        text.AppendLine("Last log lines:").AppendJoin(Environment.NewLine, lines.TakeLast(15));
        return text.ToString();
    }

    private static bool PortAnswers(int port)
    {
        using var client = new TcpClient();
        try { return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromSeconds(1)); }
        catch (AggregateException) { return false; }
    }
}
