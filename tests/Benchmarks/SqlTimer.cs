using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Sums the duration of the service's database commands (Npgsql's own spans) while it listens, by statement, to
/// split a request's time into "waiting for PostgreSQL" and "everything else" (.NET work, queueing for a core).
/// </summary>
public sealed partial class SqlTimer : IDisposable
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> _byStatement = new();
    private int _all;
    private readonly ConcurrentDictionary<string, string> _keys = new();
    private readonly ActivityListener _listener;

    /// <param name="httpOnly">Count only commands issued while serving an HTTP request (not the relay's or consumers').</param>
    public SqlTimer(bool httpOnly)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                Interlocked.Increment(ref _all);
                if (httpOnly && !InRequest(a)) return;
                var text = a.GetTagItem("db.query.text") as string ?? a.GetTagItem("db.statement") as string ?? a.DisplayName;
                var key = _keys.GetOrAdd(text, Key); // EF reuses its SQL strings: normalise each text once, not per command
                _byStatement.AddOrUpdate(key, (1, a.Duration.TotalMilliseconds), (_, v) => (v.Count + 1, v.Ms + a.Duration.TotalMilliseconds));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private static bool InRequest(Activity a)
    {
        for (var p = a.Parent; p is not null; p = p.Parent)
            if (p.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn") return true;
        return false;
    }

    public double TotalMs => _byStatement.Values.Sum(v => v.Ms);
    public int Commands => _byStatement.Values.Sum(v => v.Count);
    /// <summary>Every command the process ran meanwhile, in requests or not (the relay's, the consumers').</summary>
    public int AllCommands => Volatile.Read(ref _all);

    /// <summary>The statements that took longest, e.g. "COPY import_rows … 1,234 ms (1)".</summary>
    public string Top(int n) => string.Join("; ", _byStatement.OrderByDescending(kv => kv.Value.Ms).Take(n)
        .Select(kv => string.Create(CultureInfo.InvariantCulture, $"[{kv.Key}] {kv.Value.Ms:N0} ms ×{kv.Value.Count:N0}")));

    private static string Key(string text)
    {
        var key = Spaces().Replace(text, " ").Trim();
        return key.Length > 48 ? key[..48] + "…" : key;
    }

    public void Dispose() => _listener.Dispose();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
