using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace UnionPlatform.AppHost.Infrastructure;

// DCP's proxy accepts TCP connections before the server behind it is up, so a port check proves nothing:
// these checks speak the protocol, and WaitFor(...) on the resource waits for them.

/// <summary>Healthy when PostgreSQL accepts a login and answers <c>SELECT 1</c>.</summary>
internal sealed class PostgresHealthCheck(IResourceWithConnectionString server) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(await server.GetConnectionStringAsync(cancellationToken))
            {
                Pooling = false,
                Timeout = 5,
            };
            await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL does not answer yet.", ex);
        }
    }
}

/// <summary>Healthy when RabbitMQ accepts an AMQP connection (handshake and login included).</summary>
internal sealed class RabbitMqHealthCheck(IResourceWithConnectionString broker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var factory = new ConnectionFactory
            {
                Uri = new Uri(await broker.GetConnectionStringAsync(cancellationToken)
                              ?? throw new InvalidOperationException("No connection string yet.")),
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                AutomaticRecoveryEnabled = false,
                ClientProvidedName = "apphost-health-check",
            };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration.FailureStatus, "RabbitMQ closed the connection.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "RabbitMQ does not answer yet.", ex);
        }
    }
}
