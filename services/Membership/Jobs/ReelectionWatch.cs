using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Hosting;

namespace UnionPlatform.Membership.Jobs;

/// <summary>
/// Once a day (and at start-up) marks active unions whose term has run out as ReelectionDue, so district staff
/// see which unions owe an election. The rule itself is Organisation.MarkReelectionDueIfExpired.
/// </summary>
public sealed partial class ReelectionWatch(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReelectionWatch> logger)
    : PeriodicJob(time, TimeSpan.FromHours(24), logger)
{
    protected override Task RunOnceAsync(CancellationToken ct) => MarkDueAsync(ct);

    public async Task<int> MarkDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var today = Time.Today();
        // The 5-year upper bound keeps the candidate list small; the entity decides.
        var earliestPossibleStart = today.AddYears(-3);
        var candidates = await db.Organisations
            .Where(o => o.State == OrganisationState.Active && o.TermStartedOn <= earliestPossibleStart)
            .ToListAsync(ct);
        var marked = candidates.Count(o => o.MarkReelectionDueIfExpired(today));
        await db.SaveChangesAsync(ct);
        if (marked > 0) LogMarked(Logger, marked);
        return marked;
    }

    [LoggerMessage(LogLevel.Information, "{Count} unions are now due for re-election")]
    private static partial void LogMarked(ILogger logger, int count);

}
