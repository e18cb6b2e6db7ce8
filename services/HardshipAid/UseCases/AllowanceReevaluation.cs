using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Messaging;
using UnionPlatform.Messaging;

using UnionPlatform.HardshipAid.Data;

namespace UnionPlatform.HardshipAid.UseCases;

/// <summary>
/// Re-evaluates a district's active files against the standard now in force; each category that moves stages
/// HardshipCategoryChanged (trigger ThresholdChanged). Used on publication and by <see cref="AllowanceWatch"/>.
/// The caller saves and commits.
/// </summary>
public static class AllowanceReevaluation
{
    public static async Task<(int Reevaluated, int Changed)> ApplyAsync(HardshipDbContext db, MinimumLivingAllowance standard,
        Guid correlationId, DateTimeOffset now, CancellationToken ct)
    {
        var files = await db.Files.Where(f => f.DistrictId == standard.DistrictId
            && (f.State == FileState.Filed || f.State == FileState.AnnualReview)).ToListAsync(ct);
        var changed = 0;
        foreach (var file in files)
        {
            if (file.Reevaluate(standard.Amount) is not { } change) continue;
            changed++;
            db.Publish(HardshipEvents.CategoryChanged(file, change, standard.EffectiveFrom, correlationId, now), file.Id);
        }
        standard.MarkApplied(now);
        return (files.Count, changed);
    }
}
