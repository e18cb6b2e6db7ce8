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
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/", Propose).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/committee", (Guid id, SetCommittee body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            body.HasCommittee is not { } has ? Task.FromResult<IResult>(new Validation().Add("hasCommittee", "This field is required.").Problem())
                : Change(id, http, db, time, ct, async (o, _, _) => o.SetCommittee(has, await ActiveMembers(db, o.Id, ct)))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/activate", (Guid id, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, async (o, today, _) => o.Activate(await ActiveMembers(db, o.Id, ct), today))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/reelect", (Guid id, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, async (o, today, _) => o.Reelect(await ActiveMembers(db, o.Id, ct), today))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/dissolve", (Guid id, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, async (o, _, now) =>
            {
                RequireCityForFederation(http, o);
                o.Dissolve(await ActiveMembers(db, o.Id, ct), await OpenChildren(db, o.Id, ct));
                await Uncover(db, o, now, ct);
                db.Publish(MemberEvents.Dissolved(o, http.Id(), now), o.Id);
            })).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/merge", Merge).RequireAuthorization(UnionPolicies.Write);
        return group;
    }

    private static async Task<IResult> List(string? districtId, OrganisationKind? kind, OrganisationState? state, int? page, int? pageSize,
        ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize);
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        var query = db.Organisations.AsNoTracking().Where(o => scope.District == null || o.DistrictId == scope.District);
        if (districtId is not null) query = query.Where(o => o.DistrictId == districtId);
        if (kind is not null) query = query.Where(o => o.Kind == kind);
        if (state is not null) query = query.Where(o => o.State == state);
        return TypedResults.Ok(await query.OrderBy(o => o.Kind).ThenBy(o => o.Name).ThenBy(o => o.Id).ToPageAsync(page, pageSize, OrganisationView.From, ct));
    }

    private static async Task<Results<Ok<OrganisationView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        return organisation is not null && user.DistrictScope().Allows(organisation.DistrictId)
            ? TypedResults.Ok(OrganisationView.From(organisation)) : Problems.NotFound("The organisation");
    }

    private static async Task<IResult> Propose(ProposeOrganisation body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct)
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
    private static async Task<IResult> Approve(Guid id, ApproveOrganisation? body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var enterpriseIds = body?.CoveredEnterpriseIds?.Distinct().ToList() ?? [];
        return await Change(id, http, db, time, ct, async (o, _, now) =>
        {
            if (o.Kind is OrganisationKind.Grassroots or OrganisationKind.JointGrassroots && enterpriseIds.Count == 0)
                throw new DomainException("A grassroots union covers at least one enterprise: list coveredEnterpriseIds.", o.State.ToString());
            if (o.Kind == OrganisationKind.Grassroots && enterpriseIds.Count > 1)
                throw new DomainException("A grassroots union covers one enterprise; several small ones form a joint union.", o.State.ToString());
            RequireCityForFederation(http, o);
            var parent = o.ParentId is { } pid ? await db.Organisations.FirstAsync(p => p.Id == pid, ct) : null;
            o.Approve(parent);
            var enterprises = await db.Enterprises.Where(e => enterpriseIds.Contains(e.Id)).ToListAsync(ct);
            if (enterprises.Count != enterpriseIds.Count) throw new DomainException("Some covered enterprises do not exist.", o.State.ToString());
            foreach (var enterprise in enterprises) enterprise.CoverBy(o);
            await CoverageWriter.ApplyAsync(db, enterprises.Select(e =>
                new CoverageChange(e.DistrictId, CoverageDelta.MonthOf(now), CoveredEnterprises: 1, CoveredEmployees: e.Headcount)), ct);
            db.Publish(MemberEvents.Approved(o, enterpriseIds, http.Id(), now), o.Id);
        });
    }

    private static async Task<IResult> Merge(Guid id, MergeOrganisation body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body.IntoId is null) return new Validation().Add("intoId", "This field is required.").Problem();
        var target = await db.Organisations.FirstOrDefaultAsync(o => o.Id == body.IntoId, ct);
        if (target is null || !http.User.DistrictScope().Allows(target.DistrictId)) return Problems.NotFound("The receiving union");
        return await Change(id, http, db, time, ct, async (o, _, now) =>
        {
            o.MergeInto(target);
            // Members and enterprises move with the merge: a set-based update, the history says why.
            var members = await db.Members.Where(m => m.UnionId == o.Id && m.Status != MemberStatus.Withdrawn
                && m.Status != MemberStatus.Expelled && m.Status != MemberStatus.Deceased).ToListAsync(ct);
            foreach (var member in members)
            {
                var (fromUnion, fromDistrict) = (member.UnionId, member.DistrictId);
                member.TransferTo(target, member.EnterpriseId, now);
                db.Publish(MemberEvents.Transferred(member, fromUnion, fromDistrict, http.Id(), now), member.Id);
            }
            await db.Enterprises.Where(e => e.UnionId == o.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UnionId, target.Id), ct);
            db.Publish(MemberEvents.Dissolved(o, http.Id(), now), o.Id);
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

    private static async Task<IResult> Change(Guid id, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct,
        Func<Organisation, DateOnly, DateTimeOffset, Task> change)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null || !http.User.DistrictScope().Allows(organisation.DistrictId)) return Problems.NotFound("The organisation");
        await change(organisation, time.Today(), time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(OrganisationView.From(organisation));
    }
}
