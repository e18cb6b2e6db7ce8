using Microsoft.Extensions.DependencyInjection;

namespace UnionPlatform.AppHost.Infrastructure;

/// <summary>A PostgreSQL server, container or local, on which each service gets its own database.</summary>
public sealed class UnionPostgresServer(
    IResourceBuilder<IResourceWithConnectionString> server,
    Func<string, IResourceBuilder<IResourceWithConnectionString>> addDatabase)
{
    public IResourceBuilder<IResourceWithConnectionString> Server { get; } = server;

    /// <summary>A database named like the resource; its connection string is the server's plus <c>Database=name</c>.</summary>
    public IResourceBuilder<IResourceWithConnectionString> AddDatabase(string name) => addDatabase(name);
}

public static class InfrastructureBuilderExtensions
{
    /// <summary>The eng/postgres.sh default. The local server keeps the password its data folder was created with.</summary>
    private const string DefaultPostgresPassword = "unionplatform";

    public const int RabbitMqManagementPort = 15672;

    public static UnionPostgresServer AddUnionPostgres(this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        var password = builder.AddParameter($"{name}-password", DefaultPostgresPassword, secret: true);

        if (mode is InfrastructureMode.Containers)
        {
            // terse: no DETAIL lines, which would print personal data (a unique violation's key) into the log.
            var container = builder.AddPostgres(name, password: password).WithArgs("-c", "log_error_verbosity=terse");
            return new(container, database => container.AddDatabase(database));
        }

        var server = new LocalPostgresResource(name, builder.RepositoryRoot(), password.Resource);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, new PostgresHealthCheck(server));

        var local = builder.AddResource(server)
            .WithEndpoint(scheme: "tcp", name: LocalPostgresResource.PrimaryEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add("eng/postgres.sh");
                context.Args.Add(builder.LocalDataFolder(name));
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithHealthCheck(healthCheck)
            .WithIconName("DatabaseMultiple");

        return new(local, database => builder
            .AddResource(new LocalPostgresDatabaseResource(database, database, server))
            .WithIconName("Database")
            .OnInitializeResource(MirrorServerState));
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddUnionRabbitMq(this IDistributedApplicationBuilder builder, string name, InfrastructureMode mode)
    {
        if (mode is InfrastructureMode.Containers)
            return builder.AddRabbitMQ(name).WithManagementPlugin(port: RabbitMqManagementPort);

        var broker = new LocalRabbitMqResource(name, builder.RepositoryRoot());
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddCheck(healthCheck, new RabbitMqHealthCheck(broker));

        return builder.AddResource(broker)
            .WithEndpoint(scheme: "tcp", name: LocalRabbitMqResource.PrimaryEndpointName)
            .WithHttpEndpoint(port: RabbitMqManagementPort, name: LocalRabbitMqResource.ManagementEndpointName)
            .WithUrlForEndpoint(LocalRabbitMqResource.ManagementEndpointName, url => url.DisplayText = "Management UI")
            .WithArgs(context =>
            {
                context.Args.Add("eng/rabbitmq.sh");
                context.Args.Add(builder.LocalDataFolder(name));
                context.Args.Add(broker.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add(broker.ManagementEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithHealthCheck(healthCheck)
            .WithIconName("Mail");
    }

    /// <summary>
    /// Aspire copies a container's state to its child resources, not an executable's: without this a database would
    /// never be Running, and WaitFor(database) would wait forever. Its health checks are the server's (inherited).
    /// </summary>
    private static async Task MirrorServerState(LocalPostgresDatabaseResource database, InitializeResourceEvent e, CancellationToken cancellationToken)
    {
        await foreach (var update in e.Notifications.WatchAsync(cancellationToken))
        {
            if (update.Resource != database.Parent) continue;
            await e.Notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = update.Snapshot.State,
                StartTimeStamp = update.Snapshot.StartTimeStamp,
                StopTimeStamp = update.Snapshot.StopTimeStamp,
            });
        }
    }

    /// <summary>The repository root: the local servers run the eng/ scripts from there.</summary>
    public static string RepositoryRoot(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));

    /// <summary>
    /// Data of the local servers: <c>Infrastructure:DataFolder</c>, by default .local/apphost in the repository.
    /// A test that starts the AppHost while a developer's AppHost runs must point it elsewhere (one server per folder).
    /// Also where the identity provider keeps its development keys.
    /// </summary>
    public static string LocalDataFolder(this IDistributedApplicationBuilder builder, string resourceName) =>
        Path.Combine(builder.Configuration["Infrastructure:DataFolder"] is { Length: > 0 } folder
            ? Path.GetFullPath(folder, builder.RepositoryRoot())
            : Path.Combine(builder.RepositoryRoot(), ".local", "apphost"), resourceName);
}
