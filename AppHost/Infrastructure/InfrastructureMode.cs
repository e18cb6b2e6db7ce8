using System.ComponentModel;
using System.Diagnostics;

namespace UnionPlatform.AppHost.Infrastructure;

/// <summary>Where PostgreSQL and RabbitMQ come from.</summary>
public enum InfrastructureMode
{
    /// <summary>Aspire's PostgreSQL and RabbitMQ containers: needs a running container engine.</summary>
    Containers,

    /// <summary>Local processes started by eng/postgres.sh and eng/rabbitmq.sh: needs the Debian packages only.</summary>
    Local,
}

public static class InfrastructureModeExtensions
{
    public const string ConfigurationKey = "Infrastructure:Mode";

    private static readonly TimeSpan EngineProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads <c>Infrastructure:Mode</c>: <c>containers</c>, <c>local</c>, or <c>auto</c> (the default), which picks
    /// containers only when the container engine answers. It must be decided before any resource is added: without an
    /// engine, Aspire's containers sit in RuntimeUnhealthy and everything that waits for them never starts.
    /// </summary>
    public static InfrastructureMode GetInfrastructureMode(this IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration[ConfigurationKey];
        return configured?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => ContainerEngineAnswers(ContainerRuntime(builder)) ? InfrastructureMode.Containers : InfrastructureMode.Local,
            "containers" => InfrastructureMode.Containers,
            "local" => InfrastructureMode.Local,
            _ => throw new InvalidOperationException($"{ConfigurationKey} must be auto, containers or local; it is '{configured}'."),
        };
    }

    // Aspire itself reads the same setting to choose between docker and podman.
    private static string ContainerRuntime(IDistributedApplicationBuilder builder) =>
        builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? builder.Configuration["DcpPublisher:ContainerRuntime"] ?? "docker";

    /// <summary>`docker info` fails in tens of milliseconds when the CLI exists but no engine runs.</summary>
    private static bool ContainerEngineAnswers(string runtime)
    {
        var start = new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var probe = Process.Start(start);
            if (probe is null) return false;
            _ = probe.StandardOutput.ReadToEndAsync();
            _ = probe.StandardError.ReadToEndAsync();
            if (probe.WaitForExit(EngineProbeTimeout)) return probe.ExitCode == 0;
            probe.Kill(entireProcessTree: true);
            return false;
        }
        catch (Win32Exception)
        {
            return false; // no such CLI
        }
    }
}
