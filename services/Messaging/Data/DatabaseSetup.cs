using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using UnionPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using UnionPlatform.Messaging;

namespace UnionPlatform.Messaging.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// A pooled DbContext on PostgreSQL (connection string <paramref name="connectionName"/>), snake_case names,
    /// personal data encrypted with the keys of "PersonalData" (<see cref="PersonalDataModel"/>),
    /// the outbox wake-up, a readiness check, and migrations at start-up when Database:MigrateOnStartup
    /// (default: in Development only; production runs the service once with --migrate).
    /// </summary>
    public static IHostApplicationBuilder AddUnionDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext, IOutboxDbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        // The pool's name tags its metrics (db.client.connection.*); replicas or tests may tell theirs apart.
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString) { Name = builder.Configuration["Database:PoolName"] ?? connectionName };
        // Prepared statements spare PostgreSQL a parse and plan per command: measured +40% registrations/s here.
        if (dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare == 0) dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        // The pool is sized here, and split: request handlers may hold at most Requests of it (a concurrency limit in
        // front of the endpoints), consumers at most Consumers, and the rest is left for the relay, monitor and jobs.
        // A command's span is enough: its "first response" event costs an allocation per command and tells little more.
        dataSourceBuilder.ConfigureTracing(tracing => tracing.EnableFirstResponseEvent(false));
        var budget = ConnectionBudget.From(builder.Configuration, dataSourceBuilder.ConnectionStringBuilder);
        dataSourceBuilder.ConnectionStringBuilder.MaxPoolSize = budget.PoolSize;
        builder.Services.AddSingleton(budget);
        // At most budget.Requests requests run at once (each holds at most one connection); the rest wait in order.
        builder.Services.AddOptions<RateLimiterOptions>().Configure(options =>
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RequestConcurrency.IsProbe(context)
                ? RateLimitPartition.GetNoLimiter("probes")
                : RateLimitPartition.GetConcurrencyLimiter("requests", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = budget.Requests, QueueLimit = RequestConcurrency.QueueLimit, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })));
        var dataSource = dataSourceBuilder.Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton(new UnionDatabase<TContext>(connectionString));
        builder.Services.TryAddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        var protector = builder.AddPersonalDataProtection();
        builder.Services.AddDbContextPool<TContext>((sp, options) => options
            .UseNpgsql(dataSource)
            .UseSnakeCaseNamingConvention()
            .UsePersonalData(protector)
            .AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>()));

        builder.Services.AddHealthChecks().AddCheck(connectionName, new DatabaseHealthCheck(dataSource), tags: ["ready"]);
        if (builder.Configuration.GetValue("Database:MigrateOnStartup", builder.Environment.IsDevelopment()))
            builder.Services.AddHostedService<MigrateOnStartup<TContext>>();
        return builder;
    }

    /// <summary>Runs the web application, or with --migrate applies the migrations and exits (the production step).</summary>
    public static async Task RunOrMigrateAsync<TContext>(this WebApplication app, string[] args) where TContext : DbContext
    {
        if (!args.Contains("--migrate"))
        {
            await app.RunAsync();
            return;
        }
        await MigrateOnStartup<TContext>.MigrateAsync(app.Services, CancellationToken.None);
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer.", ex);
            }
        }
    }
}

public static class BulkCopy
{
    /// <summary>
    /// The timeout for a COPY on this context's connection: its command timeout (a caller loading millions of rows
    /// raises it), not Npgsql's 30 s default per read or write, which a bulk load waiting on a checkpoint exceeds.
    /// </summary>
    public static TimeSpan BulkCopyTimeout(this DbContext db) => TimeSpan.FromSeconds(db.Database.GetCommandTimeout() ?? 30);
}

/// <summary>The configured connection string of <typeparamref name="TContext"/>'s database (password included).</summary>
public sealed record UnionDatabase<TContext>(string ConnectionString) where TContext : DbContext;

/// <summary>Applies pending migrations before the app serves requests (hosted services start before Kestrel).</summary>
public sealed partial class MigrateOnStartup<TContext>(IServiceProvider services) : IHostedService where TContext : DbContext
{
    public Task StartAsync(CancellationToken ct) => MigrateAsync(services, ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Creates the database first when it is missing, through the server's maintenance database: left to EF, a
    /// first start logs an Error (and a red badge in the dashboard) for what is an expected step.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(services.GetRequiredService<UnionDatabase<TContext>>().ConnectionString);
        var logger = services.GetRequiredService<ILogger<MigrateOnStartup<TContext>>>();
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = target.Database } } };
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                LogCreating(logger, target.Database!);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"")}\"", connection);
                try { await create.ExecuteNonQueryAsync(ct); }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase) { } // another replica won
            }
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Likewise the history table: EF reads it first and logs the "relation does not exist" as an Error.
        await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        await db.Database.MigrateAsync(ct);
        // Before anything is served: rows from before a column was protected, or under a retired key, are rewritten.
        if (await PersonalDataBackfill.RunAsync(db, ct) is var rewritten and > 0) LogRewritten(logger, rewritten, target.Database!);
    }

    [LoggerMessage(LogLevel.Information, "Brought {Rows} rows of {Database} up to the current personal-data key")]
    private static partial void LogRewritten(ILogger logger, int rows, string database);

    [LoggerMessage(LogLevel.Information, "Creating database {Database} (first start)")]
    private static partial void LogCreating(ILogger logger, string database);
}
