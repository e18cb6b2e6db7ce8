using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace UnionPlatform.Testing;

/// <summary>
/// The real PostgreSQL and RabbitMQ every integration test runs against: the local servers eng/test.sh started
/// (their addresses in UNIONPLATFORM_TEST_*), or containers where a Docker engine answers. Neither: the tests fail
/// loudly, never skip. Each test class gets its own database and virtual host, so nothing leaks between them.
/// </summary>
public static class TestServers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (string Postgres, Uri Rabbit, Uri Management)? _servers;

    public static async Task<(string Postgres, Uri Rabbit, Uri Management)> GetAsync()
    {
        await Gate.WaitAsync();
        try { return _servers ??= await StartAsync(); }
        finally { Gate.Release(); }
    }

    /// <summary>A fresh, empty database on the test server; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var (postgres, _, _) = await GetAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
    }

    /// <summary>A fresh virtual host, so old bindings of other tests never deliver copies here; returns its amqp:// URI.</summary>
    public static async Task<Uri> CreateVirtualHostAsync(string prefix)
    {
        var (_, rabbit, management) = await GetAsync();
        var vhost = $"{prefix}-{Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = management };
        var (user, password) = UserInfo(rabbit);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        (await http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        (await http.PutAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(user)}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return new UriBuilder(rabbit) { Path = "/" + vhost }.Uri;
    }

    public static async Task DeleteVirtualHostAsync(Uri vhostUri)
    {
        var (_, rabbit, management) = await GetAsync();
        using var http = new HttpClient { BaseAddress = management };
        var (user, password) = UserInfo(rabbit);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(vhostUri.AbsolutePath.TrimStart('/'))}");
    }

    private static (string User, string Password) UserInfo(Uri uri)
    {
        var parts = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        return parts.Length == 2 ? (parts[0], parts[1]) : ("guest", "guest");
    }

    private static PostgreSqlContainer? _container;

    /// <summary>
    /// What the PostgreSQL server has logged so far: the file eng/test.sh names in UNIONPLATFORM_TEST_POSTGRES_LOG, or
    /// the container's output. Tests scan it for personal data: the server's log must never hold any.
    /// </summary>
    public static async Task<string> PostgresLogAsync()
    {
        await GetAsync();
        if (_container is not null)
        {
            var (stdout, stderr) = await _container.GetLogsAsync();
            return stdout + stderr;
        }
        var path = Environment.GetEnvironmentVariable("UNIONPLATFORM_TEST_POSTGRES_LOG");
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
            throw new InvalidOperationException("UNIONPLATFORM_TEST_POSTGRES_LOG does not name the test server's log (eng/test.sh sets it).");
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return await new StreamReader(stream).ReadToEndAsync();
    }

    private static async Task<(string, Uri, Uri)> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("UNIONPLATFORM_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("UNIONPLATFORM_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("UNIONPLATFORM_TEST_RABBITMQ_MANAGEMENT");
        if (!string.IsNullOrWhiteSpace(postgres) && !string.IsNullOrWhiteSpace(rabbit) && !string.IsNullOrWhiteSpace(management))
            return (postgres, new Uri(rabbit), new Uri(management));

        if (!await DockerAnswersAsync())
            throw new InvalidOperationException(
                "No test servers: run the tests with eng/test.sh (it starts PostgreSQL and RabbitMQ locally), " +
                "or set UNIONPLATFORM_TEST_POSTGRES, UNIONPLATFORM_TEST_RABBITMQ and UNIONPLATFORM_TEST_RABBITMQ_MANAGEMENT, " +
                "or provide a Docker engine for Testcontainers.");

        var pg = _container = new PostgreSqlBuilder("postgres:15").WithCommand("-c", "log_error_verbosity=terse").Build();
        var mq = new RabbitMqBuilder("rabbitmq:3.13-management").WithPortBinding(15672, true).Build();
        await Task.WhenAll(pg.StartAsync(), mq.StartAsync());
        var amqp = new Uri(mq.GetConnectionString());
        return (pg.GetConnectionString(), amqp, new Uri($"http://{mq.Hostname}:{mq.GetMappedPublicPort(15672)}/"));
    }

    private static async Task<bool> DockerAnswersAsync()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("docker", "info")
            { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null) return false;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0;
        }
        catch (Exception) { return false; }
    }
}
