using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Api;

/// <summary>Coverage at one month: counts and the two rates of the plan, as percentages with one decimal.</summary>
public sealed record CoverageFigures(string Scope, string Month, long Enterprises, long CoveredEnterprises, decimal OrganisationRate,
    long Employees, long CoveredEmployees, long Members, decimal MembershipRateOfCoveredEnterprises, decimal MembershipRate)
{
    public static CoverageFigures From(string scope, DateOnly month, IEnumerable<CoverageDelta> rows) =>
        From(scope, month, rows.Select(r => new CoverageChange(r.DistrictId, r.Month, r.Members, r.Enterprises, r.CoveredEnterprises,
            r.Employees, r.CoveredEmployees)));

    public static CoverageFigures From(string scope, DateOnly month, IEnumerable<CoverageChange> rows)
    {
        long enterprises = 0, covered = 0, employees = 0, coveredEmployees = 0, members = 0;
        foreach (var r in rows)
        {
            (enterprises, covered, employees) = (enterprises + r.Enterprises, covered + r.CoveredEnterprises, employees + r.Employees);
            (coveredEmployees, members) = (coveredEmployees + r.CoveredEmployees, members + r.Members);
        }
        return new CoverageFigures(scope, month.ToString("yyyy-MM", CultureInfo.InvariantCulture), enterprises, covered, Percent(covered, enterprises),
            employees, coveredEmployees, members, Percent(members, coveredEmployees), Percent(members, employees));
    }

    private static decimal Percent(long part, long whole) => whole <= 0 ? 0m : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);
}

public sealed record CoverageReport(string Month, CoverageFigures? City, IReadOnlyList<CoverageFigures> Districts);

public static class CoverageApi
{
    public const string City = "city";
    private const int MaxSeriesMonths = 240;

    public static RouteGroupBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/coverage").WithTags("Coverage").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", Report).WithName("GetCoverage")
            .WithSummary("Coverage per district at the end of a month (default: this month), and the city's for city-wide roles.")
            .WithDescription("Members, enterprises with a union, employees covered; months are the city's (Asia/Shanghai). ?month=yyyy-MM.");
        group.MapGet("/series", Series).WithName("GetCoverageSeries")
            .WithSummary("A monthly coverage series for one district or the city (\"city\"), at most 240 months.")
            .WithDescription("?districtId=gulou&from=2025-01&to=2025-12; by default the last 12 months of the caller's district or the city.");
        return group;
    }

    /// <summary>Coverage per district (and for the city, for city-wide roles) at the end of a month; default: now.</summary>
    private static async Task<Results<Ok<CoverageReport>, ValidationProblem>> Report(string? month, ClaimsPrincipal user, MembershipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation();
        var asOf = ParseMonth(month, "month", validation) ?? CoverageDelta.MonthOf(time.Today());
        if (!validation.IsValid) return validation.Problem();

        var scope = user.DistrictScope();
        // Summed in the database: one row per district comes back, whatever the number of months.
        var rows = await db.CoverageDeltas.AsNoTracking()
            .Where(r => r.Month <= asOf && (scope.District == null || r.DistrictId == scope.District))
            .GroupBy(r => r.DistrictId)
            .Select(g => new CoverageChange(g.Key, asOf, g.Sum(r => r.Members), g.Sum(r => r.Enterprises), g.Sum(r => r.CoveredEnterprises),
                g.Sum(r => r.Employees), g.Sum(r => r.CoveredEmployees)))
            .ToListAsync(ct);
        var districts = rows.OrderBy(r => r.DistrictId, StringComparer.Ordinal)
            .Select(r => CoverageFigures.From(r.DistrictId, asOf, [r])).ToList();
        return TypedResults.Ok(new CoverageReport(asOf.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            scope.IsCityWide ? CoverageFigures.From(City, asOf, rows) : null, districts));
    }

    /// <summary>A monthly series for one district or the city ("city"), e.g. ?districtId=gulou&amp;from=2025-01&amp;to=2025-12.</summary>
    private static async Task<Results<Ok<List<CoverageFigures>>, ProblemHttpResult, ValidationProblem>> Series(string? districtId, string? from, string? to, ClaimsPrincipal user, MembershipDbContext db,
        TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation();
        var end = ParseMonth(to, "to", validation) ?? CoverageDelta.MonthOf(time.Today());
        var start = ParseMonth(from, "from", validation) ?? end.AddMonths(-11);
        validation.When(start > end, "from", "Must not be after 'to'.")
            .When(start.AddMonths(MaxSeriesMonths) <= end, "to", $"At most {MaxSeriesMonths} months.");
        if (!validation.IsValid) return validation.Problem();

        var scope = user.DistrictScope();
        var target = districtId ?? (scope.IsCityWide ? City : scope.District!);
        if (target == City ? !scope.IsCityWide : !scope.Allows(target)) return Problems.NotFound("The district");

        var rows = (await Rows(db, scope, end, ct)).Where(r => target == City || r.DistrictId == target).ToList();
        var series = new List<CoverageFigures>();
        for (var month = start; month <= end; month = month.AddMonths(1))
        {
            var current = month;
            series.Add(CoverageFigures.From(target, current, rows.Where(r => r.Month <= current)));
        }
        return TypedResults.Ok(series);
    }

    // The read model is a few hundred rows per district; reading them is cheaper than any cache invalidation.
    private static Task<List<CoverageDelta>> Rows(MembershipDbContext db, DistrictScope scope, DateOnly asOf, CancellationToken ct) =>
        db.CoverageDeltas.AsNoTracking()
            .Where(r => r.Month <= asOf && (scope.District == null || r.DistrictId == scope.District))
            .ToListAsync(ct);

    private static DateOnly? ParseMonth(string? value, string field, Validation validation)
    {
        if (value is null) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) return month;
        validation.Add(field, "A month as yyyy-MM.");
        return null;
    }
}
