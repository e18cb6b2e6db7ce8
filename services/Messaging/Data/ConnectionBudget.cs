using Microsoft.Extensions.Configuration;
using Npgsql;

namespace UnionPlatform.Messaging.Data;

/// <summary>
/// How a service's connection pool is shared, so no kind of work can starve another: a burst of API requests cannot
/// take the connections consumers need to keep events flowing, and 7 consumer endpoints × prefetch 64 cannot take
/// the request handlers'. Requests + Consumers + <see cref="BackgroundLoops"/> never exceed the pool, so nobody ever
/// waits on the pool itself (where a wait times out as an error); the excess waits in front, in order.
/// From "Database": MaxPoolSize (default 50), BackgroundConnections (default 20, for consumers and loops).
/// </summary>
public sealed record ConnectionBudget(int PoolSize, int Requests, int Consumers)
{
    /// <summary>Relay, outbox monitor, and a clock-driven job or two: each holds one connection at a time.</summary>
    public const int BackgroundLoops = 4;

    public static ConnectionBudget From(IConfiguration configuration, NpgsqlConnectionStringBuilder connection)
    {
        var pool = configuration.GetValue<int?>("Database:MaxPoolSize") ?? (connection.MaxPoolSize is > 0 and not 100 ? connection.MaxPoolSize : 50);
        var background = Math.Clamp(configuration.GetValue("Database:BackgroundConnections", Math.Max(pool * 2 / 5, BackgroundLoops + 2)), BackgroundLoops + 1, pool - 1);
        return new ConnectionBudget(pool, pool - background, background - BackgroundLoops);
    }
}
