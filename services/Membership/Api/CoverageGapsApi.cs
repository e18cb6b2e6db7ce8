using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Api;

/// <summary>An enterprise without a union and what covering it would add: one more covered enterprise, and its workforce if all joined.</summary>
public sealed record UncoveredEnterprise(Guid Id, string Name, string CreditCode, int Headcount, decimal OrganisationRatePoints, decimal MembershipRatePoints);

/// <summary>A covered enterprise and how far its membership is from its headcount.</summary>
public sealed record LowMembershipEnterprise(Guid Id, string Name, Guid UnionId, int Headcount, int ActiveMembers, decimal MembershipRate);

/// <summary>What would raise a district's two rates: the worklist of 扩大工会组织覆盖面.</summary>
public sealed record CoverageGaps(string DistrictId, IReadOnlyList<UncoveredEnterprise> Uncovered, IReadOnlyList<LowMembershipEnterprise> LowMembership);

public static class CoverageGapsApi
{
    private const int Top = 10;

    public static RouteHandlerBuilder MapCoverageGapsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/coverage/gaps", Gaps).WithName("GetCoverageGaps").WithTags("Coverage").RequireAuthorization(UnionPolicies.Read)
            .WithSummary("A district's largest enterprises without a union (with the points each would add) and its covered enterprises with the lowest membership.")
            .WithDescription("?districtId=gulou (district staff: their own). Points are percentage points of the district's rates today.");

    private static async Task<Results<Ok<CoverageGaps>, ProblemHttpResult, ValidationProblem>> Gaps(string? districtId, ClaimsPrincipal user,
        MembershipDbContext db, CancellationToken ct)
    {
        var scope = user.DistrictScope();
        var district = districtId ?? scope.District;
        if (district is null) return new Validation().Add("districtId", "This field is required.").Problem();
        if (district.Length > 50 || !scope.Allows(district)) return Problems.NotFound("The district");

        var enterprises = db.Enterprises.AsNoTracking().Where(e => e.DistrictId == district);
        var totals = await enterprises.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Employees = g.Sum(e => e.Headcount) }).FirstOrDefaultAsync(ct);
        if (totals is null) return TypedResults.Ok(new CoverageGaps(district, [], []));

        var uncovered = await enterprises.Where(e => e.UnionId == null).OrderByDescending(e => e.Headcount).ThenBy(e => e.Id).Take(Top)
            .Select(e => new { e.Id, e.Name, e.CreditCode, e.Headcount }).ToListAsync(ct);
        var low = await enterprises.Where(e => e.UnionId != null && e.Headcount > 0)
            .Select(e => new
            {
                e.Id, e.Name, UnionId = e.UnionId!.Value, e.Headcount,
                Members = db.Members.Count(m => m.EnterpriseId == e.Id && m.Status == MemberStatus.Active),
            })
            .OrderBy(e => (double)e.Members / e.Headcount).ThenByDescending(e => e.Headcount).ThenBy(e => e.Id).Take(Top).ToListAsync(ct);

        return TypedResults.Ok(new CoverageGaps(district,
            uncovered.Select(e => new UncoveredEnterprise(e.Id, e.Name, e.CreditCode, e.Headcount,
                Points(1, totals.Count), Points(e.Headcount, totals.Employees))).ToList(),
            low.Select(e => new LowMembershipEnterprise(e.Id, e.Name, e.UnionId, e.Headcount, e.Members, Points(e.Members, e.Headcount))).ToList()));
    }

    private static decimal Points(long part, long whole) => whole <= 0 ? 0m : Math.Round(100m * part / whole, 2, MidpointRounding.AwayFromZero);
}
