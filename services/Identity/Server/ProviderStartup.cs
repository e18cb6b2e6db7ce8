using Microsoft.AspNetCore.Identity;
using UnionPlatform.Messaging.Data;
using OpenIddict.Abstractions;
using UnionPlatform.Identity.Data;
using UnionPlatform.Identity.Domain;
using UnionPlatform.Identity.Seeding;

namespace UnionPlatform.Identity.Server;

/// <summary>
/// Before the first request (hosted services start before Kestrel): migrations when Database:MigrateOnStartup
/// (default in Development; production runs the service once with --migrate), the configured clients, and the demo
/// accounts when Seed:Enabled.
/// </summary>
public sealed class ProviderStartup(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration.GetValue("Database:MigrateOnStartup", environment.IsDevelopment())) await MigrateAsync(services, ct);
        await using var scope = services.CreateAsyncScope();
        await ClientRegistration.RegisterAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), configuration, ct);
        if (configuration.GetValue("Seed:Enabled", false))
            await DemoAccounts.SeedAsync(scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>(), environment,
                scope.ServiceProvider.GetRequiredService<TimeProvider>(), scope.ServiceProvider.GetRequiredService<ILogger<ProviderStartup>>());
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Creates the database when missing and applies the migrations, as every service does.</summary>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken ct) => MigrateOnStartup<IdentityDb>.MigrateAsync(services, ct);
}
