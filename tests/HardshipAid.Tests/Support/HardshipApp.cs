using UnionPlatform.Messaging;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Testing;

namespace UnionPlatform.HardshipAid.Tests.Support;

/// <summary>
/// The HardshipAid service in-process against the real test PostgreSQL (its own database) and RabbitMQ (its own
/// virtual host). Membership and Finance are played by the test, publishing their events on the same broker.
/// </summary>
public sealed class HardshipApp() : ServiceApp<Program, HardshipDbContext>(ResourceNames.HardshipDb, "hardship")
{
    /// <summary>The staged events of one type (by its name in the HardshipAid contracts) for one aggregate, as their JSON bodies.</summary>
    public Task<List<JsonElement>> OutboxAsync(string eventType, Guid partition) => OutboxAsync(
        typeof(UnionPlatform.Contracts.IIntegrationEvent).Assembly.GetType("UnionPlatform.Contracts.HardshipAid." + eventType, throwOnError: true)!, partition);
}
