using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace UnionPlatform.Identity.Data;

/// <summary>/health answers only while the database does: without it nobody can sign in.</summary>
public sealed class IdentityDbHealthCheck(IdentityDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer.");
}
