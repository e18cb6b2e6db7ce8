namespace UnionPlatform.AppHost.Infrastructure;

/// <summary>
/// A PostgreSQL server run by <c>eng/postgres.sh</c> as a local process (no container engine needed).
/// DCP picks the port: the server listens on the endpoint's target port and clients connect through DCP's proxy
/// on the endpoint's port, which is what the connection string names.
/// </summary>
public sealed class LocalPostgresResource(string name, string repositoryRoot, ParameterResource password)
    : ExecutableResource(name, "bash", repositoryRoot), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string UserName = "postgres";

    private EndpointReference? _primaryEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The same format as Aspire's PostgreSQL container resource, so services cannot tell the two apart.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");
}

/// <summary>
/// One service's database on a <see cref="LocalPostgresResource"/>. It has no process of its own: it takes its
/// state and health from the server. The service creates the database itself when it migrates.
/// </summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
