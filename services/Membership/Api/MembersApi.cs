using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.Messaging;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Api;

public sealed record ApplyForMembership(string? NationalId, string? Name, string? Phone, Guid? UnionId, Guid? EnterpriseId);
public sealed record TransferMember(Guid? UnionId, Guid? EnterpriseId);
public sealed record RetainMember(RetentionReason? Reason);
public sealed record WithdrawMember(WithdrawalReason? Reason);
public sealed record RecordDues(DateOnly? PaidThrough);
public sealed record RecordDeath(DateOnly? DiedOn);

public static class MembersApi
{
    public const string NotRegistrableHere =
        "This national ID cannot be registered in this union. A member of another union joins it by a transfer from that union.";

    public static RouteGroupBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/members").WithTags("Members").RequireAuthorization(UnionPolicies.Read);

        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapGet("/{id:guid}/history", History);
        group.MapPost("/", Apply).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/approve", (Guid id, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, (m, today, now, cid) =>
            {
                m.Approve(today, now);
                db.Publish(MemberEvents.Joined(m, cid, now), m.Id);
            })).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/transfer", Transfer).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/retain", (Guid id, RetainMember body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            body.Reason is not { } reason ? Task.FromResult<IResult>(new Validation().Add("reason", "Retired or LaidOff.").Problem())
                : Change(id, http, db, time, ct, (m, _, now, cid) =>
                {
                    m.Retain(reason, now);
                    db.Publish(MemberEvents.Retained(m, reason, cid, now), m.Id);
                })).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/dues", (Guid id, RecordDues body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            body.PaidThrough is not { } paidThrough ? Task.FromResult<IResult>(new Validation().Add("paidThrough", "This field is required.").Problem())
                : Change(id, http, db, time, ct, (m, _, now, _) => m.RecordDues(paidThrough, now))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/education", (Guid id, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, (m, today, now, _) => m.RecordEducation(today, now))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/withdraw", (Guid id, WithdrawMember body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            body.Reason is not { } reason ? Task.FromResult<IResult>(new Validation().Add("reason", "Voluntary or NoDues.").Problem())
                : Change(id, http, db, time, ct, (m, today, now, cid) =>
                {
                    var previous = m.Status;
                    m.Withdraw(reason, today, now);
                    db.Publish(MemberEvents.Withdrawn(m, reason.ToString(), previous, cid, now), m.Id);
                })).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/expel", (Guid id, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, (m, today, now, cid) =>
            {
                var previous = m.Status;
                m.Expel(today, now);
                db.Publish(MemberEvents.Withdrawn(m, "Expelled", previous, cid, now), m.Id);
            })).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/death", (Guid id, RecordDeath body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct) =>
            body.DiedOn is not { } diedOn || diedOn > time.Today()
                ? Task.FromResult<IResult>(new Validation().Add("diedOn", "A date, not in the future.").Problem())
                : Change(id, http, db, time, ct, (m, _, now, cid) =>
                {
                    var previous = m.Status;
                    m.RecordDeath(diedOn, now);
                    db.Publish(MemberEvents.Deceased(m, previous, cid, now), m.Id);
                })).RequireAuthorization(UnionPolicies.Write);
        return group;
    }

    private static async Task<IResult> List(string? districtId, Guid? unionId, MemberStatus? status, string? name, int? page, int? pageSize,
        ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(name is { Length: > 100 }, "name", "At most 100 characters.");
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        var query = db.Members.AsNoTracking().Where(m => scope.District == null || m.DistrictId == scope.District);
        if (districtId is not null) query = query.Where(m => m.DistrictId == districtId);
        if (unionId is not null) query = query.Where(m => m.UnionId == unionId);
        if (status is not null) query = query.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(name)) query = query.Where(m => m.Name.StartsWith(name));
        return TypedResults.Ok(await query.OrderBy(m => m.Name).ThenBy(m => m.Id).ToPageAsync(page, pageSize, MemberView.From, ct));
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        return member is not null && user.DistrictScope().Allows(member.DistrictId)
            ? TypedResults.Ok(MemberView.From(member)) : Problems.NotFound("The member");
    }

    private static async Task<Results<Ok<List<HistoryView>>, ProblemHttpResult>> History(Guid id, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().Include(m => m.History).FirstOrDefaultAsync(m => m.Id == id, ct);
        return member is not null && user.DistrictScope().Allows(member.DistrictId)
            ? TypedResults.Ok(member.History.OrderBy(h => h.Sequence).Select(HistoryView.From).ToList())
            : Problems.NotFound("The member");
    }

    private static async Task<IResult> Apply(ApplyForMembership body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = time.Today();
        var validation = ValidatePerson(new Validation(), body.NationalId, body.Name, body.Phone, today)
            .When(body.UnionId is null || body.UnionId == Guid.Empty, "unionId", "This field is required.");
        if (!validation.IsValid) return validation.Problem();

        var union = await db.Organisations.FirstOrDefaultAsync(o => o.Id == body.UnionId, ct);
        if (union is null || !http.User.DistrictScope().Allows(union.DistrictId)) return Problems.NotFound("The union");
        if (await EnterpriseProblem(db, body.EnterpriseId, union, ct) is { } enterpriseProblem) return enterpriseProblem;

        var nationalId = NationalId.Normalise(body.NationalId!);
        var now = time.GetUtcNow();
        var existing = await db.Members.FirstOrDefaultAsync(m => m.NationalId == nationalId, ct);
        // A record of another district stays there, and the answer says nothing about it: people cross districts by transfer.
        if (existing is not null && existing.DistrictId != union.DistrictId) return Problems.Conflict(NotRegistrableHere);
        var member = existing ?? Member.Apply(Guid.CreateVersion7(now), nationalId, body.Name!.Trim(), body.Phone!.Trim(), union, body.EnterpriseId, today, now);
        if (existing is null) db.Members.Add(member);
        else existing.Reapply(body.Name!.Trim(), body.Phone!.Trim(), union, body.EnterpriseId, today, now);

        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (IsDuplicateNationalId(ex))
        {
            return Problems.Conflict(NotRegistrableHere); // a concurrent application won; it may be another district's
        }
        return TypedResults.Created($"/api/members/{member.Id}", MemberView.From(member));
    }

    private static async Task<IResult> Transfer(Guid id, TransferMember body, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body.UnionId is null || body.UnionId == Guid.Empty) return new Validation().Add("unionId", "This field is required.").Problem();
        // The receiving union may be in another district: transfers follow workers across the city.
        var target = await db.Organisations.FirstOrDefaultAsync(o => o.Id == body.UnionId, ct);
        if (target is null) return Problems.NotFound("The receiving union");
        if (await EnterpriseProblem(db, body.EnterpriseId, target, ct) is { } enterpriseProblem) return enterpriseProblem;
        return await Change(id, http, db, time, ct, (m, _, now, cid) =>
        {
            var (fromUnion, fromDistrict) = (m.UnionId, m.DistrictId);
            m.TransferTo(target, body.EnterpriseId, now);
            db.Publish(MemberEvents.Transferred(m, fromUnion, fromDistrict, cid, now), m.Id);
        });
    }

    /// <summary>Loads a member within the caller's district, applies one rule, stages its event, saves atomically.</summary>
    private static async Task<IResult> Change(Guid id, HttpContext http, MembershipDbContext db, TimeProvider time, CancellationToken ct,
        Action<Member, DateOnly, DateTimeOffset, Guid> change)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (member is null || !http.User.DistrictScope().Allows(member.DistrictId)) return Problems.NotFound("The member");
        change(member, time.Today(), time.GetUtcNow(), http.Id());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MemberView.From(member));
    }

    internal static Validation ValidatePerson(Validation v, string? nationalId, string? name, string? phone, DateOnly today)
    {
        foreach (var (field, message) in PersonDetails.Problems(nationalId, name, phone, today)) v.Add(field, message);
        return v;
    }

    internal static async Task<IResult?> EnterpriseProblem(MembershipDbContext db, Guid? enterpriseId, Organisation union, CancellationToken ct)
    {
        if (enterpriseId is null) return null;
        var enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct);
        if (enterprise is null || enterprise.DistrictId != union.DistrictId) return Problems.NotFound("The enterprise");
        return enterprise.UnionId == union.Id || union.Kind == OrganisationKind.UnionGroup ? null
            : new Validation().Add("enterpriseId", "The enterprise is not covered by this union.").Problem();
    }

    internal static bool IsDuplicateNationalId(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: MembershipConstraints.OneMembershipPerNationalId };
}
