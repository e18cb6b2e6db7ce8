using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Messaging;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.Messaging;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.HardshipAid.Api;

/// <summary>
/// A grant against a filed file. <see cref="RequestId"/> is optional: a client that sends one may retry the request
/// safely, since a second POST with the same key for the same file returns the grant already made. It is a retry key,
/// not the grant's id: the server derives that from the key and the file, so no client can choose the id Finance
/// pays by, nor collide with another file's grant.
/// </summary>
public sealed record GrantAid(Guid? RequestId, AidType? Type, decimal? Amount, decimal? OutOfPocketCost, StudyLevel? StudyLevel);
public sealed record GrantTemporaryRelief(Guid? RequestId, Guid? MemberId, decimal? Amount);

/// <summary>One kind of aid this calendar year for the file's household: its cap (null: none), granted so far (rejected ones excluded), what is left.</summary>
public sealed record AidCapView(AidType Type, StudyLevel? StudyLevel, decimal? Cap, decimal Granted, decimal? Remaining);

public static class AidGrantsApi
{
    public static IEndpointRouteBuilder MapAidGrantsApi(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/api/hardship-files/{fileId:guid}/grants").WithTags("Aid grants").RequireAuthorization(UnionPolicies.Read);
        files.MapGet("/", ListForFile).WithName("ListFileGrants").WithSummary("The aid granted against a file, oldest first.");
        files.MapGet("/caps", Caps).WithName("GetAidCaps")
            .WithSummary("What the household may still be granted this year, per kind of aid (the caps of DOMAIN.md §2).");
        files.MapPost("/", Grant).WithName("GrantAid").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Grants living, medical, study or employment aid against an active file, within the household's yearly cap.")
            .WithDescription("Stages AidGranted and PaymentRequested together. A requestId makes a retry safe: the same request answers the same grant (200).");

        var grants = app.MapGroup("/api/aid-grants").WithTags("Aid grants").RequireAuthorization(UnionPolicies.Read);
        grants.MapGet("/{id:guid}", Get).WithName("GetAidGrant").WithSummary("One grant, with its payment status.");
        grants.MapPost("/temporary-relief", TemporaryRelief).WithName("GrantTemporaryRelief").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Temporary relief for a member without a filed file, at most 3,000 yuan a year.")
            .WithDescription("A requestId makes a retry safe: the same request answers the same grant (200).");
        return app;
    }

    private static async Task<Results<Ok<List<GrantView>>, ProblemHttpResult>> ListForFile(Guid fileId, ClaimsPrincipal user, HardshipDbContext db, CancellationToken ct)
    {
        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null || !user.DistrictScope().Allows(file.DistrictId)) return Problems.NotFound("The hardship file");
        var grants = await db.Grants.AsNoTracking().Where(g => g.FileId == fileId).OrderBy(g => g.GrantedOn).ThenBy(g => g.Id).ToListAsync(ct);
        return TypedResults.Ok(grants.Select(GrantView.From).ToList());
    }

    private static async Task<Results<Ok<List<AidCapView>>, ProblemHttpResult>> Caps(Guid fileId, ClaimsPrincipal user, HardshipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null || !user.DistrictScope().Allows(file.DistrictId)) return Problems.NotFound("The hardship file");
        var today = time.Today();
        var allowance = (await AllowancesApi.InForceAsync(db, file.DistrictId, today, ct))?.Amount ?? 0m;
        var granted = await db.Grants.AsNoTracking()
            .Where(g => g.MemberId == file.MemberId && g.FileId != null && g.AidYear == today.Year && g.Status != GrantStatus.Rejected)
            .GroupBy(g => new { g.Type, g.StudyLevel }).Select(g => new { g.Key.Type, g.Key.StudyLevel, Sum = g.Sum(x => x.Amount) }).ToListAsync(ct);
        AidRequest[] kinds =
        [
            new(AidType.Living, 0), new(AidType.Medical, 0), new(AidType.Study, 0, StudyLevel: StudyLevel.University),
            new(AidType.Study, 0, StudyLevel: StudyLevel.UpperSecondary), new(AidType.Employment, 0),
        ];
        return TypedResults.Ok(kinds.Select(k =>
        {
            var sum = granted.Where(g => g.Type == k.Type && (k.Type != AidType.Study || g.StudyLevel == k.StudyLevel)).Sum(g => g.Sum);
            var cap = AidCaps.YearlyCap(k, file.Category, allowance, withFile: true);
            return new AidCapView(k.Type, k.StudyLevel, cap, sum, cap is { } c ? Math.Max(0m, c - sum) : null);
        }).ToList());
    }

    private static async Task<Results<Ok<GrantView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, HardshipDbContext db, CancellationToken ct)
    {
        var grant = await db.Grants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        return grant is not null && user.DistrictScope().Allows(grant.DistrictId) ? TypedResults.Ok(GrantView.From(grant)) : Problems.NotFound("The grant");
    }

    /// <summary>
    /// Checks the household's yearly cap and stages AidGranted and PaymentRequested in one transaction. The file's
    /// row is locked meanwhile, so two concurrent grants cannot both squeeze under the same cap.
    /// </summary>
    private static async Task<Results<Created<GrantView>, Ok<GrantView>, ProblemHttpResult, ValidationProblem>> Grant(Guid fileId, GrantAid body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation()
            .When(body.Type is null, "type", "Living, Medical, Study, Employment or TemporaryRelief.")
            .When(!HardshipFilesApi.IsMoney(body.Amount, allowZero: false), "amount", "Yuan, more than 0, at most two decimals.")
            .When(body.Type == AidType.Medical && !HardshipFilesApi.IsMoney(body.OutOfPocketCost, allowZero: false), "outOfPocketCost", "Medical aid names the out-of-pocket cost.")
            .When(body.Type == AidType.Study && body.StudyLevel is null, "studyLevel", "University or UpperSecondary.")
            .When(body.RequestId == Guid.Empty, "requestId", "Not an empty id.");
        if (!validation.IsValid) return validation.Problem();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var file = (await db.Files.FromSql($"SELECT *, xmin FROM hardship_files WHERE id = {fileId} FOR UPDATE").ToListAsync(ct)).FirstOrDefault();
        if (file is null || !http.User.DistrictScope().Allows(file.DistrictId)) return Problems.NotFound("The hardship file");
        var grantId = GrantIdFor($"file:{fileId}", body.RequestId, time);
        if (await db.Grants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == grantId, ct) is { } existing)
            return existing.FileId == fileId ? TypedResults.Ok(GrantView.From(existing)) : Problems.Conflict("Another grant has this id.");

        var (today, now, correlationId) = (time.Today(), time.GetUtcNow(), http.Id());
        var request = new AidRequest(body.Type!.Value, body.Amount!.Value, body.OutOfPocketCost, body.StudyLevel);
        var allowance = 0m;
        if (request.Type is AidType.Living or AidType.Study)
        {
            if (await AllowancesApi.InForceAsync(db, file.DistrictId, today, ct) is not { } standard)
                return Problems.Conflict($"No minimum living allowance is in force in {file.DistrictId}: publish one first.", file.State.ToString());
            allowance = standard.Amount;
        }
        // Caps are per household and calendar year, across files: exiting and re-applying must not reset them.
        // The member's row is locked too, so grants through two of their files cannot race past the cap.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM eligible_members WHERE member_id = {file.MemberId} FOR UPDATE", ct);
        var granted = await db.Grants.Where(g => g.MemberId == file.MemberId && g.FileId != null && g.AidYear == today.Year && g.Type == request.Type
                && g.Status != GrantStatus.Rejected && (request.Type != AidType.Study || g.StudyLevel == request.StudyLevel))
            .SumAsync(g => g.Amount, ct);
        var grant = AidGrant.Against(grantId, file, request, allowance, granted, today);
        return await StageAsync(db, tx, grant, correlationId, now, ct);
    }

    /// <summary>Temporary relief for a member without a filed file, at most 3,000 a year; the member's row is locked meanwhile.</summary>
    private static async Task<Results<Created<GrantView>, Ok<GrantView>, ProblemHttpResult, ValidationProblem>> TemporaryRelief(GrantTemporaryRelief body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation()
            .When(body.MemberId is null || body.MemberId == Guid.Empty, "memberId", "This field is required.")
            .When(!HardshipFilesApi.IsMoney(body.Amount, allowZero: false), "amount", "Yuan, more than 0, at most two decimals.")
            .When(body.RequestId == Guid.Empty, "requestId", "Not an empty id.");
        if (!validation.IsValid) return validation.Problem();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var member = (await db.Members.FromSql($"SELECT *, xmin FROM eligible_members WHERE member_id = {body.MemberId} FOR UPDATE").ToListAsync(ct)).FirstOrDefault();
        if (member is null || !http.User.DistrictScope().Allows(member.DistrictId)) return Problems.NotFound("The member");
        var grantId = GrantIdFor($"member:{member.MemberId}", body.RequestId, time);
        if (await db.Grants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == grantId, ct) is { } existing)
            return existing.FileId is null && existing.MemberId == member.MemberId ? TypedResults.Ok(GrantView.From(existing)) : Problems.Conflict("Another grant has this id.");

        var (today, now, correlationId) = (time.Today(), time.GetUtcNow(), http.Id());
        var granted = await db.Grants.Where(g => g.MemberId == member.MemberId && g.FileId == null && g.AidYear == today.Year
            && g.Type == AidType.TemporaryRelief && g.Status != GrantStatus.Rejected).SumAsync(g => g.Amount, ct);
        var grant = AidGrant.TemporaryRelief(grantId, member, body.Amount!.Value, granted, today);
        return await StageAsync(db, tx, grant, correlationId, now, ct);
    }

    // Grant ids become Finance's payment-request ids: derived from the retry key within this service's namespace.
    private static readonly Guid GrantNamespace = new("6f1d2a47-93b0-4c1e-9d56-0a8e4b7c2f31");

    private static Guid GrantIdFor(string owner, Guid? requestId, TimeProvider time) =>
        requestId is { } key ? NameBasedGuid.Create(GrantNamespace, $"{owner}:{key:N}") : Guid.CreateVersion7(time.GetUtcNow());

    /// <summary>The grant, AidGranted and PaymentRequested commit together; the relay publishes both, in order, after commit.</summary>
    private static async Task<Created<GrantView>> StageAsync(HardshipDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx,
        AidGrant grant, Guid correlationId, DateTimeOffset now, CancellationToken ct)
    {
        db.Grants.Add(grant);
        db.Publish(HardshipEvents.Granted(grant, correlationId, now), grant.Id);
        db.Publish(HardshipEvents.PaymentRequested(grant, correlationId, now), grant.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/aid-grants/{grant.Id}", GrantView.From(grant));
    }
}
