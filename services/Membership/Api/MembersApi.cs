using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.Kernel;
using UnionPlatform.Kernel.Privacy;
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

        group.MapGet("/", List).WithName("ListMembers")
            .WithSummary("Members in the caller's districts, by name.").WithDescription("Filters: district, union, enterprise, status, a name prefix; sort: name (default), appliedOn, joinedOn, status, '-' for descending. National IDs are masked.");
        group.MapGet("/{id:guid}", Get).WithName("GetMember").WithSummary("One member.");
        group.MapGet("/{id:guid}/history", History).WithName("GetMemberHistory").WithSummary("A member's history, oldest first.");
        group.MapPost("/", Apply).WithName("ApplyForMembership").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("A worker applies to a union.")
            .WithDescription("One membership per national ID. A former member of the same district applies again on their own record; a national ID held in another district is a neutral 409.");
        group.MapPost("/{id:guid}/approve", Approve).WithName("ApproveMember").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("The union approves an application: the worker is a member from today (MemberJoined).");
        group.MapPost("/{id:guid}/transfer", Transfer).WithName("TransferMember").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Moves a member to another union, in any district, in one step (MemberTransferred).");
        group.MapPost("/{id:guid}/retain", Retain).WithName("RetainMember").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("A retired or laid-off member keeps the membership without dues or vote (MemberRetained).");
        group.MapPost("/{id:guid}/dues", RecordDues).WithName("RecordDues").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Dues are paid through a date; arrears and the education step are cleared.");
        group.MapPost("/{id:guid}/education", RecordEducation).WithName("RecordEducation").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("The union talked with a member 6+ months in arrears (needed before a withdrawal for non-payment).");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithName("WithdrawMember").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("The membership ends, voluntarily or for non-payment (MemberWithdrawn).");
        group.MapPost("/{id:guid}/expel", Expel).WithName("ExpelMember").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("The union expels a member (MemberWithdrawn, reason Expelled).");
        group.MapPost("/{id:guid}/death", RecordDeath).WithName("RecordDeath").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("A member has died (MemberDeceased).");
        return group;
    }

    private static Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> Approve(Guid id, [AsParameters] MemberRequest r) =>
        r.ChangeAsync(id, (m, at) =>
        {
            m.Approve(at.Today, at.Now);
            r.Db.Publish(MemberEvents.Joined(m, at.CorrelationId, at.Now), m.Id);
        });

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> Retain(Guid id, RetainMember body, [AsParameters] MemberRequest r)
    {
        if (body.Reason is not { } reason) return new Validation().Add("reason", "Retired or LaidOff.").Problem();
        return await r.ChangeAsync(id, (m, at) =>
        {
            m.Retain(reason, at.Now);
            r.Db.Publish(MemberEvents.Retained(m, reason, at.CorrelationId, at.Now), m.Id);
        });
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> RecordDues(Guid id, RecordDues body, [AsParameters] MemberRequest r)
    {
        if (body.PaidThrough is not { } paidThrough) return new Validation().Add("paidThrough", "This field is required.").Problem();
        return await r.ChangeAsync(id, (m, at) => m.RecordDues(paidThrough, at.Now));
    }

    private static Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> RecordEducation(Guid id, [AsParameters] MemberRequest r) =>
        r.ChangeAsync(id, (m, at) => m.RecordEducation(at.Today, at.Now));

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> Withdraw(Guid id, WithdrawMember body, [AsParameters] MemberRequest r)
    {
        if (body.Reason is not { } reason) return new Validation().Add("reason", "Voluntary or NoDues.").Problem();
        return await r.ChangeAsync(id, (m, at) =>
        {
            var previous = m.Status;
            m.Withdraw(reason, at.Today, at.Now);
            r.Db.Publish(MemberEvents.Withdrawn(m, reason.ToString(), previous, at.CorrelationId, at.Now), m.Id);
        });
    }

    private static Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> Expel(Guid id, [AsParameters] MemberRequest r) =>
        r.ChangeAsync(id, (m, at) =>
        {
            var previous = m.Status;
            m.Expel(at.Today, at.Now);
            r.Db.Publish(MemberEvents.Withdrawn(m, "Expelled", previous, at.CorrelationId, at.Now), m.Id);
        });

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> RecordDeath(Guid id, RecordDeath body, [AsParameters] MemberRequest r)
    {
        if (body.DiedOn is not { } diedOn || diedOn > r.Time.Today()) return new Validation().Add("diedOn", "A date, not in the future.").Problem();
        return await r.ChangeAsync(id, (m, at) =>
        {
            var previous = m.Status;
            m.RecordDeath(diedOn, at.Now);
            r.Db.Publish(MemberEvents.Deceased(m, previous, at.CorrelationId, at.Now), m.Id);
        });
    }

    private static readonly Sorting<Member> MemberOrder = new Sorting<Member>(m => m.Id)
        .By("name", m => m.Name).By("appliedOn", m => m.AppliedOn).By("joinedOn", m => m.JoinedOn).By("status", m => m.Status);

    private static async Task<Results<Ok<Paged<MemberView>>, ValidationProblem>> List(string? districtId, Guid? unionId, Guid? enterpriseId, MemberStatus? status,
        string? name, string? sort, int? page, int? pageSize, ClaimsPrincipal user, MembershipDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(name is { Length: > 100 }, "name", "At most 100 characters.");
        var scope = user.DistrictScope();
        var query = db.Members.AsNoTracking().Where(m => scope.District == null || m.DistrictId == scope.District);
        if (districtId is not null) query = query.Where(m => m.DistrictId == districtId);
        if (unionId is not null) query = query.Where(m => m.UnionId == unionId);
        if (enterpriseId is not null) query = query.Where(m => m.EnterpriseId == enterpriseId);
        if (status is not null) query = query.Where(m => m.Status == status);
        if (!string.IsNullOrWhiteSpace(name)) query = query.Where(m => m.Name.StartsWith(name));
        var ordered = MemberOrder.Apply(query, sort, validation);
        if (!validation.IsValid) return validation.Problem();
        return TypedResults.Ok(await ordered!.ToPageAsync(page, pageSize, MemberView.From, ct));
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

    private static async Task<Results<Created<MemberView>, ProblemHttpResult, ValidationProblem>> Apply(ApplyForMembership body, HttpContext http, MembershipDbContext db, TimeProvider time,
        PersonalDataProtector protector, CancellationToken ct)
    {
        var today = time.Today();
        var validation = ValidatePerson(new Validation(), body.NationalId, body.Name, body.Phone, today)
            .When(body.UnionId is null || body.UnionId == Guid.Empty, "unionId", "This field is required.");
        if (!validation.IsValid) return validation.Problem();

        var nationalId = NationalId.Normalise(body.NationalId!);
        var hash = protector.Hash(nationalId);
        // One round trip for the union, the enterprise and any record of this person (round trips are most of the cost).
        var found = await db.Organisations.Where(o => o.Id == body.UnionId).Select(o => new
        {
            Union = o,
            Enterprise = db.Enterprises.FirstOrDefault(e => e.Id == body.EnterpriseId),
            Existing = db.Members.FirstOrDefault(m => EF.Property<byte[]>(m, MembershipConstraints.NationalIdHash) == hash),
        }).FirstOrDefaultAsync(ct);
        var union = found?.Union;
        if (union is null || !http.User.DistrictScope().Allows(union.DistrictId)) return Problems.NotFound("The union");
        switch (EnterpriseProblem(found!.Enterprise, body.EnterpriseId, union))
        {
            case ProblemHttpResult notFound: return notFound;
            case ValidationProblem invalid: return invalid;
        }

        var now = time.GetUtcNow();
        var existing = found.Existing;
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

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> Transfer(Guid id, TransferMember body, [AsParameters] MemberRequest r)
    {
        if (body.UnionId is null || body.UnionId == Guid.Empty) return new Validation().Add("unionId", "This field is required.").Problem();
        // The receiving union may be in another district: transfers follow workers across the city.
        var target = await r.Db.Organisations.FirstOrDefaultAsync(o => o.Id == body.UnionId, r.Http.RequestAborted);
        if (target is null) return Problems.NotFound("The receiving union");
        switch (await EnterpriseProblem(r.Db, body.EnterpriseId, target, r.Http.RequestAborted))
        {
            case ProblemHttpResult notFound: return notFound;
            case ValidationProblem invalid: return invalid;
        }
        return await r.ChangeAsync(id, (m, at) =>
        {
            var (fromUnion, fromDistrict) = (m.UnionId, m.DistrictId);
            m.TransferTo(target, body.EnterpriseId, at.Now);
            r.Db.Publish(MemberEvents.Transferred(m, fromUnion, fromDistrict, at.CorrelationId, at.Now), m.Id);
        });
    }

    internal static Validation ValidatePerson(Validation v, string? nationalId, string? name, string? phone, DateOnly today)
    {
        foreach (var (field, message) in PersonDetails.Problems(nationalId, name, phone, today)) v.Add(field, message);
        return v;
    }

    internal static async Task<IResult?> EnterpriseProblem(MembershipDbContext db, Guid? enterpriseId, Organisation union, CancellationToken ct) =>
        enterpriseId is null ? null
            : EnterpriseProblem(await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == enterpriseId, ct), enterpriseId, union);

    /// <summary>Why <paramref name="enterprise"/> (looked up by <paramref name="enterpriseId"/>) cannot go with <paramref name="union"/>, or null.</summary>
    internal static IResult? EnterpriseProblem(Enterprise? enterprise, Guid? enterpriseId, Organisation union)
    {
        if (enterpriseId is null) return null;
        if (enterprise is null || enterprise.DistrictId != union.DistrictId) return Problems.NotFound("The enterprise");
        return enterprise.UnionId == union.Id || union.Kind == OrganisationKind.UnionGroup ? null
            : new Validation().Add("enterpriseId", "The enterprise is not covered by this union.").Problem();
    }

    internal static bool IsDuplicateNationalId(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: MembershipConstraints.OneMembershipPerNationalId };
}

/// <summary>What a member endpoint needs, bound per request; changes go through <see cref="RecordChange"/>.</summary>
public sealed record MemberRequest(MembershipDbContext Db, TimeProvider Time, HttpContext Http)
{
    public Task<Results<Ok<MemberView>, ProblemHttpResult, ValidationProblem>> ChangeAsync(Guid id, Action<Member, Moment> change) =>
        RecordChange.ApplyAsync(Db, Http, Time, Db.Members, m => m.Id == id, m => m.DistrictId, "The member", RecordChange.Always(change), MemberView.From);
}
