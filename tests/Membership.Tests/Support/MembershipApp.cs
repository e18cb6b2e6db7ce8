using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Membership.Data;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;

namespace UnionPlatform.Membership.Tests.Support;

/// <summary>
/// The Membership service in-process against the real test PostgreSQL (its own database) and RabbitMQ (its own
/// virtual host). Seeds are off: each test builds the small world it needs through the API.
/// </summary>
public sealed class MembershipApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-that-is-long-enough-for-hs256!";
    private string _database = "";
    private Uri _broker = null!;
    private readonly List<Activity> _activities = [];
    private ActivityListener? _listener;

    /// <summary>Every span the process produced (HTTP, EF/Npgsql, outbox relay, MassTransit), for trace assertions.</summary>
    public IReadOnlyList<Activity> Activities { get { lock (_activities) return _activities.ToList(); } }

    /// <summary>Overrides the broker address before the host starts (the outage test points it at a proxy).</summary>
    public Func<Uri, Uri> BrokerOverride { get; set; } = uri => uri;

    public async Task InitializeAsync()
    {
        _database = await TestServers.CreateDatabaseAsync("membership");
        _broker = await TestServers.CreateVirtualHostAsync("membership");
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "UnionPlatform" or "MassTransit" or "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_activities) _activities.Add(a); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Uri Broker => _broker;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.MembershipDb}", _database);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Messaging}", BrokerOverride(_broker).ToString());
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Seed:Enabled", "false");
        builder.UseSetting("Messaging:Outbox:PollInterval", "00:00:00.200");
        builder.UseSetting("Messaging:Outbox:PublishTimeout", "00:00:03");
        builder.UseSetting("Messaging:Outbox:MaxBackoff", "00:00:01");
        for (var i = 0; i < 4; i++) builder.UseSetting($"Messaging:RetryIntervalsMs:{i}", "20"); // fail fast to _error
    }

    public HttpClient ClientAs(string role, string? district = null)
    {
        var client = CreateClient();
        var token = DevTokens.Issue(new AuthOptions { SigningKey = SigningKey }, role, district);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Admin() => ClientAs(UnionRoles.CityAdmin);

    public async Task<T> WithDbAsync<T>(Func<MembershipDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<MembershipDbContext>());
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

    public Task<int> UnsentOutboxAsync() => WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null));

    async Task IAsyncLifetime.DisposeAsync()
    {
        _listener?.Dispose();
        await base.DisposeAsync();
        await TestServers.DeleteVirtualHostAsync(_broker);
    }
}
