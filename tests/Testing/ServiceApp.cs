using System.Net.Http.Headers;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Messaging;
using UnionPlatform.ServiceDefaults.Security;
using Xunit;

namespace UnionPlatform.Testing;

/// <summary>
/// One service in-process against the real test PostgreSQL (a database of its own) and RabbitMQ (a virtual host of
/// its own). Seeds are off; retries and relay timings are short so failure paths finish in seconds.
/// </summary>
public abstract class ServiceApp<TProgram, TContext>(string databaseName, string prefix) : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
    where TContext : DbContext, IOutboxDbContext
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hs256!";
    private string _database = "";

    public Uri Broker { get; private set; } = null!;

    /// <summary>The connection string of this fixture's own database.</summary>
    public string Database => _database;

    /// <summary>Settings a fixture adds or overrides before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Overrides the broker address before the host starts (an outage test points it at a proxy).</summary>
    public Func<Uri, Uri> BrokerOverride { get; set; } = uri => uri;

    public virtual async Task InitializeAsync()
    {
        _database = await TestServers.CreateDatabaseAsync(prefix);
        Broker = await TestServers.CreateVirtualHostAsync(prefix);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{databaseName}", _database);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Messaging}", BrokerOverride(Broker).ToString());
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseTestPersonalDataKeys();
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:Enabled", "false");
        builder.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Messaging:Outbox:PublishTimeout", "00:00:03");
        builder.UseSetting("Messaging:Outbox:MaxBackoff", "00:00:01");
        for (var i = 0; i < 4; i++) builder.UseSetting($"Messaging:RetryIntervalsMs:{i}", "20"); // fail fast to _error
        builder.UseSetting("Messaging:Outbox:MonitorInterval", "00:00:00.200");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        // UNIONPLATFORM_TEST_LOG=1 shows the service's own log in the test output (dotnet test --logger "console;verbosity=detailed").
        if (Environment.GetEnvironmentVariable("UNIONPLATFORM_TEST_LOG") == "1")
            builder.ConfigureLogging(logging => logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff "));
    }

    public HttpClient ClientAs(string role, string? district = null) => ClientWithToken(Token([role], district));

    /// <summary>A client whose token carries every role given (combined roles must never widen access).</summary>
    public HttpClient ClientAs(IReadOnlyList<string> roles, string? district = null) => ClientWithToken(Token(roles, district));

    public static string Token(IReadOnlyList<string> roles, string? district, DateTime? expires = null) =>
        DevTokens.Issue(new AuthOptions { SigningKey = SigningKey }, roles, district, expires: expires);

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Admin() => ClientAs(UnionRoles.CityAdmin);

    public async Task<T> WithDbAsync<T>(Func<TContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    /// <summary>The staged events of one contract type for one aggregate (its partition key), as their JSON bodies, in order.</summary>
    public async Task<List<System.Text.Json.JsonElement>> OutboxAsync(Type eventType, Guid partition)
    {
        var type = MessageTypes.NameOf(eventType);
        var bodies = await WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.PartitionKey == partition.ToString() && m.MessageType == type)
            .OrderBy(m => m.Id).Select(m => m.Body).ToListAsync());
        return bodies.Select(b => System.Text.Json.JsonDocument.Parse(b).RootElement.Clone()).ToList();
    }

    public Task<int> UnsentOutboxAsync() => WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null));

    /// <summary>Publishes as another service would, with a chosen transport message id (to play redeliveries).</summary>
    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        await BusReadyAsync();
        await Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = messageId ?? Guid.NewGuid());
    }

    /// <summary>
    /// Until every receive endpoint is ready, its queue declared and bound. The host's start does not wait for the
    /// bus, and RabbitMQ drops what is published to an exchange nothing is bound to yet: a test that publishes in the
    /// first moments after start would lose its first messages.
    /// </summary>
    public async Task BusReadyAsync()
    {
        var bus = Services.GetRequiredService<IBusControl>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The bus was not ready within 30 s: {bus.CheckHealth().Description}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls until the condition holds: the relay and consumers run in the background.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out after {seconds}s waiting until {what}.");
    }

    /// <summary>Releases what a derived fixture added, before the host stops.</summary>
    protected virtual Task OnDisposeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await OnDisposeAsync();
        await base.DisposeAsync();
        await TestServers.DeleteVirtualHostAsync(Broker);
    }
}
