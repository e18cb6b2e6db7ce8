using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.FinanceAudit.Messaging;
using UnionPlatform.Messaging;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.FinanceAudit.Api;

public sealed record ResolveFinding(Resolution? Resolution, string? Note);

/// <summary>What the audit rules found: the worklist, one finding, and its resolution with a note (AuditFindingResolved).</summary>
public static class AuditFindingsApi
{
    public static RouteGroupBuilder MapAuditFindingsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit-findings").WithTags("Audit findings").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List).WithName("ListAuditFindings").WithSummary("Findings in the caller's districts, open ones first, newest first.");
        group.MapGet("/{id:guid}", Get).WithName("GetAuditFinding").WithSummary("One finding.");
        group.MapPost("/{id:guid}/resolution", Resolve).WithName("ResolveAuditFinding").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Resolves a finding (Corrected, Justified, PaymentVoided or Withdrawn) with a note; publishes AuditFindingResolved.");
        return group;
    }

    private static async Task<Results<Ok<Paged<FindingView>>, ValidationProblem>> List(FindingState? state, string? ruleId, string? districtId, int? page, int? pageSize,
        ClaimsPrincipal user, FinanceDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(districtId is { Length: > 50 }, "districtId", "At most 50 characters.")
            .When(ruleId is { Length: > 50 }, "ruleId", "At most 50 characters.");
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        var query = db.Findings.AsNoTracking().Where(f => (scope.District == null || f.DistrictId == scope.District)
            && (districtId == null || f.DistrictId == districtId) && (state == null || f.State == state) && (ruleId == null || f.RuleId == ruleId));
        return TypedResults.Ok(await query.OrderBy(f => f.State).ThenByDescending(f => f.RaisedAt).ThenBy(f => f.Id).ToPageAsync(page, pageSize, FindingView.From, ct));
    }

    private static async Task<Results<Ok<FindingView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, FinanceDbContext db, CancellationToken ct)
    {
        var finding = await db.Findings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        return finding is not null && user.DistrictScope().Allows(finding.DistrictId) ? TypedResults.Ok(FindingView.From(finding)) : Problems.NotFound("The finding");
    }

    private static async Task<Results<Ok<FindingView>, ProblemHttpResult, ValidationProblem>> Resolve(Guid id, ResolveFinding body, HttpContext http,
        FinanceDbContext db, TimeProvider time)
    {
        var validation = new Validation().When(body.Resolution is null || !Enum.IsDefined(body.Resolution.Value), "resolution",
                "Corrected, Justified, PaymentVoided or Withdrawn.")
            .Required(body.Note, "note", AuditFinding.MaxNoteLength);
        if (!validation.IsValid) return validation.Problem();
        return await RecordChange.ApplyAsync(db, http, time, db.Findings, f => f.Id == id, f => f.DistrictId, "The finding",
            RecordChange.Always<AuditFinding>((f, at) =>
            {
                f.Resolve(body.Resolution!.Value, body.Note!.Trim(), http.User.FindFirst("sub")?.Value, at.Now);
                db.Publish(FinanceEvents.Resolved(f, at.CorrelationId, at.Now), f.PaymentRequestId ?? f.Id);
            }), FindingView.From);
    }
}
