using UnionPlatform.HardshipAid.UseCases;
using UnionPlatform.HardshipAid.Data;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Hosting;

namespace UnionPlatform.HardshipAid.Jobs;

/// <summary>
/// Standards are often published ahead of their effective date. Once a day (and at start-up) this applies every
/// standard whose day has come: the one now in force re-evaluates its district's files; one superseded before it
/// was ever in force is only marked applied.
/// </summary>
public sealed partial class AllowanceWatch(IServiceScopeFactory scopes, TimeProvider time, ILogger<AllowanceWatch> logger)
    : PeriodicJob(time, TimeSpan.FromHours(1), logger)
{
    protected override Task RunOnceAsync(CancellationToken ct) => ApplyDueAsync(ct);

    public async Task<int> ApplyDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HardshipDbContext>();
        var (today, now, correlationId) = (Time.Today(), Time.GetUtcNow(), Guid.CreateVersion7());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Allowances.Where(a => a.AppliedAt == null && a.EffectiveFrom <= today).ToListAsync(ct);
        var changed = 0;
        foreach (var standard in due)
        {
            var inForce = await AllowancesApi.InForceAsync(db, standard.DistrictId, today, ct);
            if (inForce?.Id == standard.Id) changed += (await AllowanceReevaluation.ApplyAsync(db, standard, correlationId, now, ct)).Changed;
            else standard.MarkApplied(now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (due.Count > 0) LogApplied(Logger, due.Count, changed);
        return changed;
    }

    [LoggerMessage(LogLevel.Information, "{Standards} minimum living allowance standards took effect; {Changed} files changed category")]
    private static partial void LogApplied(ILogger logger, int standards, int changed);

}
