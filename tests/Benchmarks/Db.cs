using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace UnionPlatform.Benchmarks;

/// <summary>Small SQL helpers on the service's own data source (same pool, same server).</summary>
public static class Db
{
    public static NpgsqlDataSource Source(BenchHost host) => host.Services.GetRequiredService<NpgsqlDataSource>();

    public static async Task<long> ScalarAsync(BenchHost host, string sql)
    {
        await using var command = Source(host).CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task ExecuteAsync(BenchHost host, string sql, int timeoutSeconds = 600)
    {
        await using var command = Source(host).CreateCommand(sql);
        command.CommandTimeout = timeoutSeconds;
        await command.ExecuteNonQueryAsync();
    }

    public static Task<long> UnsentAsync(BenchHost host) => ScalarAsync(host, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL");

    /// <summary>
    /// Waits until the relay has sent everything and the consumers have stopped recording inbox rows for a second,
    /// so one scenario's tail does not eat the next one's CPU. Bounded by <paramref name="limit"/>; false if it did not settle.
    /// </summary>
    public static async Task<bool> SettleAsync(BenchHost host, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        if (!await Load.UntilAsync(async () => await UnsentAsync(host) == 0, limit, TimeSpan.FromMilliseconds(200))) return false;
        var last = -1L;
        while (DateTime.UtcNow < deadline)
        {
            var now = await ScalarAsync(host, "SELECT count(*) FROM inbox_messages");
            if (now == last) return true;
            last = now;
            await Task.Delay(1000);
        }
        return false;
    }
}
