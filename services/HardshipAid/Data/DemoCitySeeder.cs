using UnionPlatform.Documents;
using UnionPlatform.Messaging.Data;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Seeds;

namespace UnionPlatform.HardshipAid.Data;

/// <summary>
/// Loads the demo city's hardship side on first start, in one transaction: the eligibility view of every seeded
/// member (Membership loads its seed without events, so none would arrive), the district's 低保, and the filed
/// hardship files of seeds/DemoCity, each taken through its lifecycle by the domain so the seed obeys the same rules.
/// Only when Seed:Enabled (the AppHost sets it for the demo; off by default), and only into an empty database. Seed rows publish no events.
/// </summary>
public sealed partial class DemoCitySeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoCitySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var members = configuration.GetValue("Seed:Members", 200_000);
        if (!configuration.GetValue("Seed:Enabled", false) || members < 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HardshipDbContext>();
        if (await HoldsDataAsync(db, ct))
        {
            LogNotEmpty(logger);
            return;
        }

        var watch = Stopwatch.StartNew();
        var (loadedMembers, files) = await LoadAsync(db, DemoCity.Create(new DemoCityOptions { Members = members }), ct);
        LogSeeded(logger, loadedMembers, files, watch.Elapsed.TotalSeconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    // Real members arrive through Membership's events: a database holding any of them (or any file, grant or
    // standard) is never seeded, so demo files can never be attached to real people.
    private static async Task<bool> HoldsDataAsync(HardshipDbContext db, CancellationToken ct) =>
        await db.Allowances.AnyAsync(ct) || await db.Members.AnyAsync(ct) || await db.Files.AnyAsync(ct) || await db.Grants.AnyAsync(ct);

    public static async Task<(long Members, int Files)> LoadAsync(HardshipDbContext db, DemoCity city, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Serialise concurrent first starts (two replicas): the loser waits, then finds the data and skips.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE minimum_living_allowances IN EXCLUSIVE MODE", ct);
        if (await HoldsDataAsync(db, ct)) return (0, 0);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var unions = new Dictionary<Guid, Guid>();
        long members;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY eligible_members (member_id, status, district_id, union_id, last_event_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            copy.Timeout = db.BulkCopyTimeout();
            foreach (var m in city.Members())
            {
                if (m.Status == SeedValues.Active) unions[m.Id] = m.UnionId;
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(m.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(m.Status, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(m.DistrictId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(m.UnionId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(new DateTimeOffset(m.JoinedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), NpgsqlDbType.TimestampTz, ct);
            }
            members = (long)await copy.CompleteAsync(ct);
        }

        // Every district's standard from the start of the year before the reference date, before any seeded filing.
        var allowance = city.Options.MinimumLivingAllowance;
        var effectiveFrom = new DateOnly(city.Options.ReferenceDate.Year - 1, 1, 1);
        var publishedAt = new DateTimeOffset(effectiveFrom.AddDays(-30).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var (district, n) in city.Districts.Select((d, n) => (d.Id, n)))
            db.Allowances.Add(MinimumLivingAllowance.Publish(SeedId(district, n), district, allowance, effectiveFrom, publishedAt));

        var files = 0;
        foreach (var seed in city.HardshipFiles())
        {
            if (!unions.TryGetValue(seed.MemberId, out var unionId)) continue;
            var (file, consent) = Filed(seed, unionId, allowance);
            if (file.State != FileState.Filed || file.Category?.ToString() != seed.Category) continue; // the seed and the rules disagree: leave it out
            DocumentStore.Add(db, consent!, DemoConsentForm.Pdf);
            db.Files.Add(file);
            files++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (members, files);
    }

    /// <summary>A seeded file through the lifecycle: submitted 8 to 20 days before filing, surveyed within 4, checked (its consent form kept), on notice, filed.</summary>
    private static (HardshipFile File, StoredDocument? Consent) Filed(SeedHardshipFile seed, Guid unionId, decimal allowance)
    {
        var spread = (int)((uint)seed.Id.GetHashCode() % 13);
        var submitted = seed.FiledOn.AddDays(-8 - spread);
        var surveyed = submitted.AddDays(1 + spread % 4);
        var member = EligibleMember.Unknown(seed.MemberId);
        member.Apply(DateTimeOffset.MinValue, MembershipStatus.Active, seed.DistrictId, unionId);
        var income = new HouseholdIncome(seed.HouseholdSize, seed.AnnualIncome, seed.EssentialCosts);
        var file = HardshipFile.Open(seed.Id, member, income, seed.Causes.Select(Enum.Parse<HardshipCause>), submitted);
        file.Submit(submitted);
        file.RecordSurvey(surveyed, surveyed);
        file.RecordIncomeCheck(surveyed, income, allowance, surveyed.AddDays(1));
        if (file.State != FileState.IncomeChecked) return (file, null);
        var consent = DemoConsentForm.For(file.Id, new DateTimeOffset(surveyed.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
        file.AttachDocument(consent.Kind, consent.Id);
        file.StartPublicNotice(surveyed.AddDays(2));
        file.File(seed.FiledOn);
        return (file, consent);
    }

    private static Guid SeedId(string district, int n) => new(n + 1, 0x5eed, 0x0a11, [.. System.Text.Encoding.ASCII.GetBytes(district.PadRight(8)[..8])]);

    [LoggerMessage(LogLevel.Information, "Demo city hardship side loaded: {Members} members, {Files} files in {Seconds:F1} s")]
    private static partial void LogSeeded(ILogger logger, long members, int files, double seconds);

    [LoggerMessage(LogLevel.Information, "Demo city not loaded: the database already holds data")]
    private static partial void LogNotEmpty(ILogger logger);
}
