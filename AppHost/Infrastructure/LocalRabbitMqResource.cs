namespace UnionPlatform.AppHost.Infrastructure;

/// <summary>
/// A RabbitMQ broker run by <c>eng/rabbitmq.sh</c> as a local process (no container engine needed).
/// AMQP: DCP picks the port and proxies it, like <see cref="LocalPostgresResource"/>. Management UI: DCP's proxy
/// listens on a fixed port (15672) so the address is the same on every run; the broker behind it gets a free port.
/// (Aspire.Hosting.Testing randomizes proxied ports, so a test run does not collide with a developer's AppHost.)
/// </summary>
public sealed class LocalRabbitMqResource(string name, string repositoryRoot)
    : ExecutableResource(name, "bash", repositoryRoot), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string ManagementEndpointName = "management";

    private EndpointReference? _primaryEndpoint;
    private EndpointReference? _managementEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public EndpointReference ManagementEndpoint => _managementEndpoint ??= new(this, ManagementEndpointName);

    /// <summary>guest/guest: RabbitMQ only accepts that user from loopback, which is all a local broker serves.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://guest:guest@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}/");
}
