using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Api;

public sealed record RegisterEnterprise(string? CreditCode, string? Name, string? DistrictId, string? Industry, int? Headcount);
public sealed record ChangeHeadcount(int? Headcount);

public static class EnterprisesApi
{
    public static RouteGroupBuilder MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/enterprises").WithTags("Enterprises").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List).WithName("ListEnterprises")
            .WithSummary("Enterprises in the caller's districts, by name.").WithDescription("Filters: district, industry, covered (has a union), name (a fragment, or a whole credit code); sort: name (default), headcount, creditCode, '-' for descending.");
        group.MapGet("/{id:guid}", Get).WithName("GetEnterprise").WithSummary("One enterprise.");
        group.MapPost("/", Register).WithName("RegisterEnterprise").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Registers an enterprise by its unified social credit code (one record per code).")
            .WithDescription("Its headcount counts towards the district's employees from this month.");
        group.MapPut("/{id:guid}/headcount", UpdateHeadcount).WithName("ChangeEnterpriseHeadcount").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Records a new headcount; coverage counts the difference from this month.");
        return group;
    }

    private static readonly Sorting<Enterprise> EnterpriseOrder = new Sorting<Enterprise>(e => e.Id)
        .By("name", e => e.Name).By("headcount", e => e.Headcount).By("creditCode", e => e.CreditCode);

    private static async Task<Results<Ok<Paged<EnterpriseView>>, ValidationProblem>> List(string? districtId, string? industry, bool? covered, string? name,
        string? sort, int? page, int? pageSize, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(name is { Length: > 100 }, "name", "At most 100 characters.");
        var scope = user.DistrictScope();
        var query = db.Enterprises.AsNoTracking().Where(e => scope.District == null || e.DistrictId == scope.District);
        if (districtId is not null) query = query.Where(e => e.DistrictId == districtId);
        if (industry is not null) query = query.Where(e => e.Industry == industry);
        if (covered is not null) query = query.Where(e => (e.UnionId != null) == covered);
        // A name fragment, or a whole credit code (as printed on the licence, any case).
        if (!string.IsNullOrWhiteSpace(name)) query = query.Where(e => e.Name.Contains(name) || e.CreditCode == name.Trim().ToUpper());
        var ordered = EnterpriseOrder.Apply(query, sort, validation);
        if (!validation.IsValid) return validation.Problem();
        return TypedResults.Ok(await ordered!.ToPageAsync(page, pageSize, EnterpriseView.From, ct));
    }

    private static async Task<Results<Ok<EnterpriseView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        return enterprise is not null && user.DistrictScope().Allows(enterprise.DistrictId)
            ? TypedResults.Ok(EnterpriseView.From(enterprise)) : Problems.NotFound("The enterprise");
    }

    private static async Task<Results<Created<EnterpriseView>, ProblemHttpResult, ValidationProblem>> Register(RegisterEnterprise body, ClaimsPrincipal user, MembershipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation()
            .Check(SocialCreditCode.Validate(body.CreditCode), "creditCode")
            .Required(body.Name, "name")
            .Required(body.DistrictId, "districtId", 50)
            .Required(body.Industry, "industry", 50)
            .When(body.Headcount is null or < 0 or > 1_000_000, "headcount", "Between 0 and 1000000.");
        if (!validation.IsValid) return validation.Problem();
        if (!user.DistrictScope().Allows(body.DistrictId!)) return Problems.NotFound("The district");

        var now = time.GetUtcNow();
        var enterprise = Enterprise.Register(Guid.CreateVersion7(now), SocialCreditCode.Normalise(body.CreditCode!), body.Name!.Trim(), body.DistrictId!,
            body.Industry!.Trim(), body.Headcount!.Value, now);
        db.Enterprises.Add(enterprise);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Problems.Conflict("An enterprise with this credit code is already registered.");
        }
        await CoverageWriter.ApplyAsync(db, [new CoverageChange(enterprise.DistrictId, CoverageDelta.MonthOf(now), Enterprises: 1, Employees: enterprise.Headcount)], ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/enterprises/{enterprise.Id}", EnterpriseView.From(enterprise));
    }

    private static async Task<Results<Ok<EnterpriseView>, ProblemHttpResult, ValidationProblem>> UpdateHeadcount(Guid id, ChangeHeadcount body, ClaimsPrincipal user, MembershipDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body.Headcount is null or < 0 or > 1_000_000) return new Validation().Add("headcount", "Between 0 and 1000000.").Problem();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (enterprise is null || !user.DistrictScope().Allows(enterprise.DistrictId)) return Problems.NotFound("The enterprise");
        var delta = enterprise.ChangeHeadcount(body.Headcount.Value);
        await db.SaveChangesAsync(ct);
        await CoverageWriter.ApplyAsync(db, [new CoverageChange(enterprise.DistrictId, CoverageDelta.MonthOf(time.GetUtcNow()),
            Employees: delta, CoveredEmployees: enterprise.IsCovered ? delta : 0)], ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(EnterpriseView.From(enterprise));
    }
}
