using Microsoft.AspNetCore.Http.HttpResults;
using UnionPlatform.HardshipAid.UseCases;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.HardshipAid.Api;

public sealed record PublishAllowance(string? DistrictId, decimal? Amount, DateOnly? EffectiveFrom);

/// <summary>What publishing a standard did: the standard, and how many active files it moved to another category.</summary>
public sealed record PublishedAllowance(AllowanceView Allowance, int FilesReevaluated, int CategoriesChanged);

/// <summary>The effective-dated minimum living allowance (低保) per district: anyone may read, only the city publishes.</summary>
public static class AllowancesApi
{
    public static RouteGroupBuilder MapAllowancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/allowances").WithTags("Minimum living allowances").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List).WithName("ListAllowances").WithSummary("The 低保 standards per district, newest first.");
        group.MapPost("/", Publish).WithName("PublishAllowance").RequireAuthorization(UnionPolicies.CityAdmin)
            .WithSummary("The city publishes a district's 低保 from a date (one per district and date).")
            .WithDescription("When it is in force today, the district's active files are re-categorised at once (HardshipCategoryChanged); a future one on its first day.");
        return group;
    }

    public static Task<MinimumLivingAllowance?> InForceAsync(HardshipDbContext db, string districtId, DateOnly date, CancellationToken ct) =>
        db.Allowances.AsNoTracking().Where(a => a.DistrictId == districtId && a.EffectiveFrom <= date)
            .OrderByDescending(a => a.EffectiveFrom).FirstOrDefaultAsync(ct);

    private static async Task<Ok<List<AllowanceView>>> List(string? districtId, ClaimsPrincipal user, HardshipDbContext db, CancellationToken ct)
    {
        var scope = user.DistrictScope();
        var rows = await db.Allowances.AsNoTracking()
            .Where(a => (districtId == null || a.DistrictId == districtId) && (scope.District == null || a.DistrictId == scope.District))
            .OrderBy(a => a.DistrictId).ThenByDescending(a => a.EffectiveFrom).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(AllowanceView.From).ToList());
    }

    /// <summary>
    /// Publishes a standard. When it is the one in force today, the district's active files are re-evaluated in
    /// the same transaction and each category that moves raises HardshipCategoryChanged (trigger ThresholdChanged);
    /// a future standard is applied by <see cref="AllowanceWatch"/> on its first day.
    /// </summary>
    private static async Task<Results<Created<PublishedAllowance>, ProblemHttpResult, ValidationProblem>> Publish(PublishAllowance body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation()
            .Required(body.DistrictId, "districtId", 50)
            .When(body.Amount is not { } amount || amount <= 0 || amount > MinimumLivingAllowance.MaxAmount || decimal.Round(amount, 2) != amount,
                "amount", $"Yuan per person per month, more than 0 and at most {MinimumLivingAllowance.MaxAmount}, two decimals.")
            .When(body.EffectiveFrom is null, "effectiveFrom", "This field is required.");
        if (!validation.IsValid) return validation.Problem();

        var (today, now, correlationId) = (time.Today(), time.GetUtcNow(), http.Id());
        var standard = MinimumLivingAllowance.Publish(Guid.CreateVersion7(now), body.DistrictId!.Trim(), body.Amount!.Value, body.EffectiveFrom!.Value, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Allowances.Add(standard);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict("A standard for this district already takes effect on this date.");
        }

        var (reevaluated, changed) = (0, 0);
        if (await InForceAsync(db, standard.DistrictId, today, ct) is { } inForce && inForce.Id == standard.Id)
        {
            (reevaluated, changed) = await AllowanceReevaluation.ApplyAsync(db, standard, correlationId, now, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/allowances?districtId={standard.DistrictId}",
            new PublishedAllowance(AllowanceView.From(standard), reevaluated, changed));
    }
}
