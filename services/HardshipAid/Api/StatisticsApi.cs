using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.HardshipAid.Api;

/// <summary>
/// One district's figures for a year: active files by category (now), aid paid by type (grants of that aid year
/// Finance has posted), files exited in the year, and the average days from submission to filing of files filed in it.
/// </summary>
public sealed record DistrictStatistics(string DistrictId, int Year, IReadOnlyDictionary<HardshipCategory, int> ActiveFilesByCategory,
    IReadOnlyDictionary<AidType, decimal> AidPaidByType, int ExitsThisYear, decimal? AverageDaysToFiling);

public static class StatisticsApi
{
    public static RouteHandlerBuilder MapStatisticsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/hardship-statistics", Statistics).WithName("GetHardshipStatistics").WithTags("Statistics").RequireAuthorization(UnionPolicies.Read)
            .WithSummary("Per district for a year: active files by category, aid paid by type, exits, average days to filing.")
            .WithDescription("?year=2026&districtId=gulou; figures only, never a person.");

    private static async Task<Results<Ok<List<DistrictStatistics>>, ProblemHttpResult, ValidationProblem>> Statistics(int? year, string? districtId, ClaimsPrincipal user, HardshipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = time.Today();
        var y = year ?? today.Year;
        var validation = new Validation().When(y is < 2000 or > 2100, "year", "Between 2000 and 2100.");
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        if (districtId is not null && !scope.Allows(districtId)) return Problems.NotFound("The district");
        var district = districtId ?? scope.District;
        var (from, to) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));

        var files = db.Files.AsNoTracking().Where(f => district == null || f.DistrictId == district);
        var categories = await files.Where(f => (f.State == FileState.Filed || f.State == FileState.AnnualReview) && f.Category != null)
            .GroupBy(f => new { f.DistrictId, f.Category }).Select(g => new { g.Key.DistrictId, g.Key.Category, Count = g.Count() }).ToListAsync(ct);
        var paid = await db.Grants.AsNoTracking().Where(g => (district == null || g.DistrictId == district) && g.Status == GrantStatus.Paid && g.AidYear == y)
            .GroupBy(g => new { g.DistrictId, g.Type }).Select(g => new { g.Key.DistrictId, g.Key.Type, Amount = g.Sum(x => x.Amount) }).ToListAsync(ct);
        var exits = await files.Where(f => f.State == FileState.Exited && f.ClosedOn >= from && f.ClosedOn <= to)
            .GroupBy(f => f.DistrictId).Select(g => new { DistrictId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var filings = await files.Where(f => f.FiledOn >= from && f.FiledOn <= to && f.SubmittedOn != null)
            .Select(f => new { f.DistrictId, f.SubmittedOn, f.FiledOn }).ToListAsync(ct);

        var districts = categories.Select(c => c.DistrictId).Concat(paid.Select(p => p.DistrictId)).Concat(exits.Select(e => e.DistrictId))
            .Concat(filings.Select(f => f.DistrictId)).Append(district).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        return TypedResults.Ok(districts.Select(d =>
        {
            var days = filings.Where(f => f.DistrictId == d).Select(f => f.FiledOn!.Value.DayNumber - f.SubmittedOn!.Value.DayNumber).ToList();
            return new DistrictStatistics(d, y,
                categories.Where(c => c.DistrictId == d).ToDictionary(c => c.Category!.Value, c => c.Count),
                paid.Where(p => p.DistrictId == d).ToDictionary(p => p.Type, p => p.Amount),
                exits.FirstOrDefault(e => e.DistrictId == d)?.Count ?? 0,
                days.Count == 0 ? null : decimal.Round((decimal)days.Sum() / days.Count, 1));
        }).ToList());
    }
}
