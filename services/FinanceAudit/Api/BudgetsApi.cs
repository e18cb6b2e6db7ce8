using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.FinanceAudit.Api;

public sealed record SetBudget(decimal? Amount);
public sealed record AdjustBudget(decimal? Amount, string? Reason);

/// <summary>Budgets per organisation, year and line, with what is reserved, spent and left.</summary>
public static class BudgetsApi
{
    public const int MaxReasonLength = 500;

    public static RouteGroupBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/budgets").WithTags("Budgets").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List).WithName("ListBudgets").WithSummary("Budgets in the caller's districts, with reserved, spent and left per line.");
        group.MapPut("/{organisationId:guid}/{year:int}/{line}", Set).WithName("SetBudget").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Sets an organisation's budget for a year and line (HardshipAid, LegalAid, Awards, Activities, Administration), once; then adjust it.");
        group.MapPost("/{organisationId:guid}/{year:int}/{line}/adjustment", Adjust).WithName("AdjustBudget").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("The year's one adjustment of a budget line, with its reason; never below what is reserved and spent.");
        return group;
    }

    private static async Task<Results<Ok<Paged<BudgetView>>, ValidationProblem>> List(Guid? organisationId, int? year, string? districtId, int? page, int? pageSize,
        ClaimsPrincipal user, FinanceDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(districtId is { Length: > 50 }, "districtId", "At most 50 characters.")
            .When(year is < 2000 or > 2100, "year", "Between 2000 and 2100.");
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        var query = db.Budgets.AsNoTracking().Where(b => (scope.District == null || b.DistrictId == scope.District)
            && (districtId == null || b.DistrictId == districtId) && (organisationId == null || b.OrganisationId == organisationId) && (year == null || b.Year == year));
        return TypedResults.Ok(await query.OrderByDescending(b => b.Year).ThenBy(b => b.OrganisationId).ThenBy(b => b.Line)
            .ToPageAsync(page, pageSize, BudgetView.From, ct));
    }

    private static async Task<Results<Created<BudgetView>, ProblemHttpResult, ValidationProblem>> Set(Guid organisationId, int year, string line, SetBudget body,
        ClaimsPrincipal user, FinanceDbContext db, CancellationToken ct)
    {
        var validation = Validate(year, line, out var budgetLine).When(body.Amount is null, "amount", "This field is required.");
        if (!validation.IsValid) return validation.Problem();
        if (await LedgersApi.FindAsync(db, organisationId, user, ct) is not { } ledger) return Problems.NotFound("The ledger");
        if (await db.Budgets.AnyAsync(b => b.OrganisationId == organisationId && b.Year == year && b.Line == budgetLine, ct)) return AlreadySet(year, budgetLine);
        var budget = Budget.Set(ledger, year, budgetLine, body.Amount!.Value);
        db.Budgets.Add(budget);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: FinanceConstraints.BudgetsPkey })
        {
            return AlreadySet(year, budgetLine);
        }
        return TypedResults.Created($"/api/budgets?organisationId={organisationId}&year={year}", BudgetView.From(budget));
    }

    private static async Task<Results<Ok<BudgetView>, ProblemHttpResult, ValidationProblem>> Adjust(Guid organisationId, int year, string line, AdjustBudget body,
        HttpContext http, FinanceDbContext db, TimeProvider time)
    {
        var validation = Validate(year, line, out var budgetLine).When(body.Amount is null, "amount", "This field is required.")
            .Required(body.Reason, "reason", MaxReasonLength);
        if (!validation.IsValid) return validation.Problem();
        return await RecordChange.ApplyAsync(db, http, time, db.Budgets, b => b.OrganisationId == organisationId && b.Year == year && b.Line == budgetLine,
            b => b.DistrictId, "The budget", RecordChange.Always<Budget>((b, at) => b.Adjust(body.Amount!.Value, body.Reason!.Trim(), at.Today)), BudgetView.From);
    }

    private static ProblemHttpResult AlreadySet(int year, BudgetLine line) =>
        Problems.Conflict($"The {year} {line} budget is set already: adjust it (once a year).", "Set");

    private static Validation Validate(int year, string line, out BudgetLine budgetLine)
    {
        var known = Enum.TryParse(line, ignoreCase: false, out budgetLine) && Enum.IsDefined(budgetLine) && !int.TryParse(line, out _);
        return new Validation().When(year is < 2000 or > 2100, "year", "Between 2000 and 2100.")
            .When(!known, "line", $"One of: {string.Join(", ", Enum.GetNames<BudgetLine>())}.");
    }
}
