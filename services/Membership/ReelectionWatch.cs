using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.ServiceDefaults.Domain;

namespace UnionPlatform.Membership;

/// <summary>
/// Once a day (and at start-up) marks active unions whose term has run out as ReelectionDue, so district staff
/// see which unions owe an election. The rule itself is Organisation.MarkReelectionDueIfExpired.
/// </summary>
public sealed partial class ReelectionWatch(IServiceScopeFactory scopes, TimeProvider time, ILogger<ReelectionWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24), time);
        do
        {
            try { await MarkDueAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogFailed(logger, ex); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> MarkDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MembershipDbContext>();
        var today = time.Today();
        // The 5-year upper bound keeps the candidate list small; the entity decides.
        var earliestPossibleStart = today.AddYears(-3);
        var candidates = await db.Organisations
            .Where(o => o.State == OrganisationState.Active && o.TermStartedOn <= earliestPossibleStart)
            .ToListAsync(ct);
        var marked = candidates.Count(o => o.MarkReelectionDueIfExpired(today));
        await db.SaveChangesAsync(ct);
        if (marked > 0) LogMarked(logger, marked);
        return marked;
    }

    [LoggerMessage(LogLevel.Information, "{Count} unions are now due for re-election")]
    private static partial void LogMarked(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Marking unions due for re-election failed; retrying tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
