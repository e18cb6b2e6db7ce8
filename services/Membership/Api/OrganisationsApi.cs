using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.Messaging;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Api;

public sealed record ProposeOrganisation(string? Name, OrganisationKind? Kind, Guid? ParentId, string? DistrictId, int? TermYears);
public sealed record ApproveOrganisation(IReadOnlyList<Guid>? CoveredEnterpriseIds);
public sealed record SetCommittee(bool? HasCommittee);
public sealed record MergeOrganisation(Guid? IntoId);

public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organisations").WithTags("Organisations").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List).WithName("ListOrganisations").WithSummary("Unions in the caller's districts, with filters.")
            .WithDescription("Filters: district, kind, state, parentId (a union's children), name (a fragment).");
        group.MapGet("/{id:guid}", Get).WithName("GetOrganisation").WithSummary("One union.");
        group.MapPost("/", Propose).WithName("ProposeOrganisation").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Proposes a union under its parent (district and city federations: city admins only).");
        group.MapPost("/{id:guid}/approve", Approve).WithName("ApproveOrganisation").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("The parent approves; a grassroots union's enterprises become covered (OrganisationApproved).");
        group.MapPost("/{id:guid}/committee", SetCommittee).WithName("SetCommittee").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Records whether the union has an elected committee (an active union of 25+ members keeps one).");
        group.MapPost("/{id:guid}/activate", Activate).WithName("ActivateOrganisation").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("After the founding congress: the term starts.");
        group.MapPost("/{id:guid}/reelect", Reelect).WithName("ReelectOrganisation").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("A re-election starts a new term.");
        group.MapPost("/{id:guid}/dissolve", Dissolve).WithName("DissolveOrganisation").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Dissolves a union with no active members and no open unions under it (OrganisationDissolved).");
        group.MapPost("/{id:guid}/merge", Merge).WithName("MergeOrganisation").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Merges a grassroots union into another; members and enterprises move with it.");
        return group;
    }

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult, ValidationProblem>> SetCommittee(Guid id, SetCommittee body, [AsParameters] OrganisationRequest r)
    {
        if (body.HasCommittee is not { } has) return new Validation().Add("hasCommittee", "This field is required.").Problem();
        return await r.ChangeAsync(id, async (o, _) => o.SetCommittee(has, await ActiveMembers(r.Db, o.Id, r.Http.RequestAborted)));
    }

    private static Task<Results<Ok<OrganisationView>, ProblemHttpResult, ValidationProblem>> Activate(Guid id, [AsParameters] OrganisationRequest r) =>
        r.ChangeAsync(id, async (o, at) => o.Activate(await ActiveMembers(r.Db, o.Id, r.Http.RequestAborted), at.Today));

    private static Task<Results<Ok<OrganisationView>, ProblemHttpResult, ValidationProblem>> Reelect(Guid id, [AsParameters] OrganisationRequest r) =>
        r.ChangeAsync(id, async (o, at) => o.Reelect(await ActiveMembers(r.Db, o.Id, r.Http.RequestAborted), at.Today));

    private static Task<Results<Ok<OrganisationView>, ProblemHttpResult, ValidationProblem>> Dissolve(Guid id, [AsParameters] OrganisationRequest r) =>
        r.ChangeAsync(id, async (o, at) =>
        {
            var ct = r.Http.RequestAborted;
            RequireCityForFederation(r.Http, o);
            o.Dissolve(await ActiveMembers(r.Db, o.Id, ct), await OpenChildren(r.Db, o.Id, ct));
            await Uncover(r.Db, o, at.Now, ct);
            r.Db.Publish(MemberEvents.Dissolved(o, at.CorrelationId, at.Now), o.Id);
        });

    private static async Task<Results<Ok<Paged<OrganisationView>>, ValidationProblem>> List(string? districtId, OrganisationKind? kind, OrganisationState? state,
        Guid? parentId, string? name, int? page, int? pageSize, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(name is { Length: > 100 }, "name", "At most 100 characters.");
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        var query = db.Organisations.AsNoTracking().Where(o => scope.District == null || o.DistrictId == scope.District);
        if (districtId is not null) query = query.Where(o => o.DistrictId == districtId);
        if (kind is not null) query = query.Where(o => o.Kind == kind);
        if (state is not null) query = query.Where(o => o.State == state);
        if (parentId is not null) query = query.Where(o => o.ParentId == parentId);
        if (!string.IsNullOrWhiteSpace(name)) query = query.Where(o => o.Name.Contains(name));
        return TypedResults.Ok(await query.OrderBy(o => o.Kind).ThenBy(o => o.Name).ThenBy(o => o.Id).ToPageAsync(page, pageSize, OrganisationView.From, ct));
    }

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return organisation is not null && user.DistrictScope().Allows(organisation.DistrictId)
            ? TypedResults.Ok(OrganisationView.From(organisation)) : Problems.NotFound("The organisation");
    }

    private static async Task<Results<Created<OrganisationView>, ProblemHttpResult, ValidationProblem>> Propose(ProposeOrganisation body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation()
            .Required(body.Name, "name")
            .When(body.Kind is null, "kind", "City, District, Grassroots, JointGrassroots or UnionGroup.")
            .Required(body.DistrictId, "districtId", 50)
            .When(body.TermYears is not (3 or 5), "termYears", "3 or 5.");
        if (!validation.IsValid) return validation.Problem();

        var scope = http.User.DistrictScope();
        // District staff work inside their district: federations above it are the city's business.
        if (!scope.Allows(body.DistrictId!) || (!scope.IsCityWide && body.Kind is OrganisationKind.City or OrganisationKind.District))
            return Problems.NotFound("The district");
        Organisation? parent = null;
        if (body.ParentId is { } parentId)
        {
            parent = await db.Organisations.FirstOrDefaultAsync(o => o.Id == parentId, ct);
            if (parent is null || (parent.Kind != OrganisationKind.City && !scope.Allows(parent.DistrictId))) return Problems.NotFound("The parent union");
        }
        var now = time.GetUtcNow();
        var organisation = Organisation.Propose(Guid.CreateVersion7(now), body.Name!.Trim(), body.Kind!.Value, parent, body.DistrictId!, body.TermYears!.Value, now);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/organisations/{organisation.Id}", OrganisationView.From(organisation));
    }

    /// <summary>The parent approves; a grassroots union's enterprises become covered in the same transaction.</summary>
    private static Task<Results<Ok<OrganisationView>, ProblemHttpResult, ValidationProblem>> Approve(Guid id, ApproveOrganisation? body, [AsParameters] OrganisationRequest r)
    {
        var enterpriseIds = body?.CoveredEnterpriseIds?.Distinct().ToList() ?? [];
        var (db, ct) = (r.Db, r.Http.RequestAborted);
        return r.ChangeAsync(id, async (o, at) =>
        {
            if (o.Kind is OrganisationKind.Grassroots or OrganisationKind.JointGrassroots && enterpriseIds.Count == 0)
                throw new DomainException("A grassroots union covers at least one enterprise: list coveredEnterpriseIds.", o.State.ToString());
            if (o.Kind == OrganisationKind.Grassroots && enterpriseIds.Count > 1)
                throw new DomainException("A grassroots union covers one enterprise; several small ones form a joint union.", o.State.ToString());
            RequireCityForFederation(r.Http, o);
            var parent = o.ParentId is { } pid ? await db.Organisations.FirstAsync(p => p.Id == pid, ct) : null;
            o.Approve(parent);
            var enterprises = await db.Enterprises.Where(e => enterpriseIds.Contains(e.Id)).ToListAsync(ct);
            if (enterprises.Count != enterpriseIds.Count) throw new DomainException("Some covered enterprises do not exist.", o.State.ToString());
            foreach (var enterprise in enterprises) enterprise.CoverBy(o);
            await CoverageWriter.ApplyAsync(db, enterprises.Select(e =>
                new CoverageChange(e.DistrictId, CoverageDelta.MonthOf(at.Now), CoveredEnterprises: 1, CoveredEmployees: e.Headcount)), ct);
            db.Publish(MemberEvents.Approved(o, enterpriseIds, at.CorrelationId, at.Now), o.Id);
        });
    }

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult, ValidationProblem>> Merge(Guid id, MergeOrganisation body, [AsParameters] OrganisationRequest r)
    {
        if (body.IntoId is null) return new Validation().Add("intoId", "This field is required.").Problem();
        var (db, ct) = (r.Db, r.Http.RequestAborted);
        var target = await db.Organisations.FirstOrDefaultAsync(o => o.Id == body.IntoId, ct);
        if (target is null || !r.Http.User.DistrictScope().Allows(target.DistrictId)) return Problems.NotFound("The receiving union");
        return await r.ChangeAsync(id, async (o, at) =>
        {
            o.MergeInto(target);
            // Members and enterprises move with the merge; the history says why.
            var members = await db.Members.Where(m => m.UnionId == o.Id && m.Status != MemberStatus.Withdrawn
                && m.Status != MemberStatus.Expelled && m.Status != MemberStatus.Deceased).ToListAsync(ct);
            foreach (var member in members)
            {
                var (fromUnion, fromDistrict) = (member.UnionId, member.DistrictId);
                member.TransferTo(target, member.EnterpriseId, at.Now);
                db.Publish(MemberEvents.Transferred(member, fromUnion, fromDistrict, at.CorrelationId, at.Now), member.Id);
            }
            await db.Enterprises.Where(e => e.UnionId == o.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UnionId, target.Id), ct);
            db.Publish(MemberEvents.Dissolved(o, at.CorrelationId, at.Now), o.Id);
        });
    }

    private static async Task Uncover(MembershipDbContext db, Organisation o, DateTimeOffset now, CancellationToken ct)
    {
        var enterprises = await db.Enterprises.Where(e => e.UnionId == o.Id).ToListAsync(ct);
        foreach (var e in enterprises) e.Uncover();
        await CoverageWriter.ApplyAsync(db, enterprises.Select(e =>
            new CoverageChange(e.DistrictId, CoverageDelta.MonthOf(now), CoveredEnterprises: -1, CoveredEmployees: -e.Headcount)), ct);
    }

    private static Task<int> OpenChildren(MembershipDbContext db, Guid parentId, CancellationToken ct) =>
        db.Organisations.CountAsync(o => o.ParentId == parentId
            && o.State != OrganisationState.Dissolved && o.State != OrganisationState.Merged, ct);

    // The Write policy lets district staff change their district's unions; the federations themselves are the city's.
    private static void RequireCityForFederation(HttpContext http, Organisation o)
    {
        if (o.IsFederation && !http.User.IsCityAdmin())
            throw new ForbiddenException("Only the city federation approves or dissolves a district or city federation.");
    }

    private static Task<int> ActiveMembers(MembershipDbContext db, Guid unionId, CancellationToken ct) =>
        db.Members.CountAsync(m => m.UnionId == unionId && m.Status == MemberStatus.Active, ct);

}

/// <summary>What an organisation endpoint needs, bound per request. Its changes write set-based too (coverage,
/// enterprises), so each runs in one transaction through <see cref="RecordChange"/>.</summary>
public sealed record OrganisationRequest(MembershipDbContext Db, TimeProvider Time, HttpContext Http)
{
    public Task<Results<Ok<OrganisationView>, ProblemHttpResult, ValidationProblem>> ChangeAsync(Guid id, Func<Organisation, Moment, Task> change) =>
        RecordChange.ApplyAsync(Db, Http, Time, Db.Organisations, o => o.Id == id, o => o.DistrictId, "The organisation", async (o, at) =>
        {
            await change(o, at);
            return null;
        }, OrganisationView.From, transaction: true);
}
