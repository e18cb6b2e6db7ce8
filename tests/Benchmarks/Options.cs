using System.Globalization;

namespace UnionPlatform.Benchmarks;

/// <summary>
/// Sizes of each scenario. Defaults are the full run; --quick shrinks everything for a smoke run (minutes, not
/// meaningful figures). Any size can be set on its own, e.g. --coverage-sizes 200000,2000000 --only 6.
/// </summary>
public sealed record Options
{
    /// <summary>Concurrent HTTP clients (and raw-SQL workers for the baseline) in scenario 1.</summary>
    public int Clients { get; init; } = 32;
    /// <summary>Registrations before measuring; PLATFORM-NOTES: the JIT settles after 10-25k operations (2 requests each).</summary>
    public int Warmup { get; init; } = 10_000;
    public int Registrations { get; init; } = 20_000;
    /// <summary>Transactions per variant per round in scenario 2 (two rounds, alternating, after a warm-up).</summary>
    public int OutboxWrites { get; init; } = 10_000;
    public int Writers { get; init; } = 16;
    public int Backlog { get; init; } = 100_000;
    public int LagRate { get; init; } = 1_000;
    public int LagSeconds { get; init; } = 20;
    /// <summary>Writes in flight at most in scenario 4; below the service's connection pool (Npgsql default 100).</summary>
    public int LagInFlight { get; init; } = 64;
    public int RosterRows { get; init; } = 100_000;
    public int[] CoverageSizes { get; init; } = [200_000, 2_000_000];
    public int CoverageRequests { get; init; } = 2_000;
    /// <summary>Scenarios to run (1-8); default all.</summary>
    public HashSet<int> Only { get; init; } = [1, 2, 3, 4, 5, 6, 7, 8];
    /// <summary>Keep the databases and virtual hosts afterwards (to inspect them); default: drop them.</summary>
    public bool Keep { get; init; }
    public bool Quick { get; init; }
    /// <summary>Service configuration overrides (--set Key=Value, repeatable), applied to every host.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];
    /// <summary>Appended to the service's connection string (--connection-options "Max Auto Prepare=32"), to try Npgsql settings.</summary>
    public string ConnectionOptions { get; init; } = "";
    /// <summary>Upper bound on any single timed phase, so a stuck run ends.</summary>
    public TimeSpan PhaseLimit { get; init; } = TimeSpan.FromMinutes(3);

    public static Options Quickly => new()
    {
        Quick = true, Warmup = 1_000, Registrations = 2_000, OutboxWrites = 1_500, Backlog = 20_000, LagSeconds = 5,
        RosterRows = 20_000, CoverageSizes = [20_000, 200_000], CoverageRequests = 300, PhaseLimit = TimeSpan.FromMinutes(1),
    };

    public const string Usage = """
        UnionPlatform.Benchmarks [--quick] [--only 1,2,...] [--clients N] [--warmup N] [--registrations N]
            [--outbox-writes N] [--writers N] [--backlog N] [--lag-rate N] [--lag-seconds N] [--lag-inflight N] [--roster-rows N]
            [--coverage-sizes N,N] [--coverage-requests N] [--keep] [--set Section:Key=Value ...]
            [--connection-options "Npgsql=Settings"]
        Servers: UNIONPLATFORM_TEST_POSTGRES, UNIONPLATFORM_TEST_RABBITMQ, UNIONPLATFORM_TEST_RABBITMQ_MANAGEMENT.
        Scenarios: 1 registrations via HTTP, 2 outbox write cost, 3 relay drain, 4 end-to-end lag, 5 roster import, 6 coverage query,
            7 tracing cost (off / default / every trace), 8 platform cold start (the AppHost, ports 5080 and 18888 free).
        """;

    private static Options Set(Options o, string pair)
    {
        var (key, value) = pair.IndexOf('=') is > 0 and var i ? (pair[..i], pair[(i + 1)..]) : throw new ArgumentException($"--set expects Key=Value, got {pair}.");
        return o with { Settings = new Dictionary<string, string>(o.Settings) { [key] = value } };
    }

    public static Options Parse(string[] args)
    {
        var o = args.Contains("--quick") ? Quickly : new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            int Int() => int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            int[] Ints() => Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            o = args[i] switch
            {
                "--quick" => o,
                "--keep" => o with { Keep = true },
                "--set" => Set(o, Next()),
                "--connection-options" => o with { ConnectionOptions = Next() },
                "--only" => o with { Only = [.. Ints()] },
                "--clients" => o with { Clients = Int() },
                "--warmup" => o with { Warmup = Int() },
                "--registrations" => o with { Registrations = Int() },
                "--outbox-writes" => o with { OutboxWrites = Int() },
                "--writers" => o with { Writers = Int() },
                "--backlog" => o with { Backlog = Int() },
                "--lag-rate" => o with { LagRate = Int() },
                "--lag-seconds" => o with { LagSeconds = Int() },
                "--lag-inflight" => o with { LagInFlight = Int() },
                "--roster-rows" => o with { RosterRows = Int() },
                "--coverage-sizes" => o with { CoverageSizes = Ints() },
                "--coverage-requests" => o with { CoverageRequests = Int() },
                _ => throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}"),
            };
        }
        return o;
    }
}
