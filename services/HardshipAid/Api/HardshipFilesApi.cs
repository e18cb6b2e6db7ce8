using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Messaging;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.Messaging;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.HardshipAid.Api;

public sealed record OpenFile(Guid? MemberId, int? HouseholdSize, decimal? AnnualIncome, decimal? EssentialCosts, IReadOnlyList<HardshipCause>? Causes);
public sealed record RecordSurvey(DateOnly? VisitedOn);
/// <summary>Verified figures with the date the household signed its consent to the income check.</summary>
public sealed record IncomeCheck(DateOnly? ConsentSignedOn, int? HouseholdSize, decimal? AnnualIncome, decimal? EssentialCosts);
public sealed record GiveReason(string? Reason);
public sealed record ExitFile(ExitReason? Reason, string? Note);

/// <summary>One step's clock and correlation: the business date, the instant, and the id the events carry.</summary>
internal readonly record struct Step(DateOnly Today, DateTimeOffset Now, Guid CorrelationId);

public static class HardshipFilesApi
{
    public const decimal MaxMoney = 100_000_000m;

    public static RouteGroupBuilder MapHardshipFilesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/hardship-files").WithTags("Hardship files").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List);
        group.MapGet("/overdue", Overdue);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/", Open).RequireAuthorization(UnionPolicies.Write);
        group.MapPut("/{id:guid}", (Guid id, OpenFile body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            ValidateDraft(body, requireMember: false) is { IsValid: false } invalid ? Task.FromResult<IResult>(invalid.Problem())
                : Change(id, http, db, time, ct, (f, _) => Done(() => f.UpdateDraft(
                    new HouseholdIncome(body.HouseholdSize!.Value, body.AnnualIncome!.Value, body.EssentialCosts!.Value), body.Causes!))))
            .RequireAuthorization(UnionPolicies.Write);

        group.MapPost("/{id:guid}/submit", (Guid id, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, (f, step) => Done(() => f.Submit(step.Today)))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/survey", (Guid id, RecordSurvey body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            body.VisitedOn is not { } visitedOn ? Task.FromResult<IResult>(new Validation().Add("visitedOn", "This field is required.").Problem())
                : Change(id, http, db, time, ct, (f, step) => Done(() => f.RecordSurvey(visitedOn, step.Today)))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/income-check", (Guid id, IncomeCheck body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            CheckIncome(id, body, http, db, time, ct, (f, income, allowance, step) =>
                f.RecordIncomeCheck(body.ConsentSignedOn, income, allowance, step.Today))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/public-notice", (Guid id, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, (f, step) => Done(() => f.StartPublicNotice(step.Today)))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/file", (Guid id, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, (f, step) => Done(() =>
            {
                f.File(step.Today);
                db.Publish(HardshipEvents.Filed(f, step.CorrelationId, step.Now), f.Id);
            }))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/annual-review", (Guid id, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            Change(id, http, db, time, ct, (f, _) => Done(f.StartAnnualReview))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/renewal", (Guid id, IncomeCheck body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            CheckIncome(id, body, http, db, time, ct, (f, income, allowance, step) =>
                PublishOutcome(db, f, f.CompleteAnnualReview(body.ConsentSignedOn, income, allowance, step.Today), step))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/income-recheck", (Guid id, IncomeCheck body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            CheckIncome(id, body, http, db, time, ct, (f, income, allowance, step) =>
                PublishOutcome(db, f, f.RecheckIncome(body.ConsentSignedOn, income, allowance, step.Today), step))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/reject", (Guid id, GiveReason body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            ReasonProblem(body.Reason) is { } problem ? Task.FromResult<IResult>(problem)
                : Change(id, http, db, time, ct, (f, step) => Done(() => f.Reject(body.Reason!, step.Today)))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/cancel", (Guid id, GiveReason body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            ReasonProblem(body.Reason) is { } problem ? Task.FromResult<IResult>(problem)
                : Change(id, http, db, time, ct, (f, step) => Done(() =>
                {
                    if (f.Cancel(body.Reason!, step.Today)) db.Publish(HardshipEvents.Exited(f, step.CorrelationId, step.Now), f.Id);
                }))).RequireAuthorization(UnionPolicies.Write);
        group.MapPost("/{id:guid}/exit", (Guid id, ExitFile body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct) =>
            body.Reason is not (ExitReason.OutOfHardship or ExitReason.NotRenewed) || body.Note is { Length: > HardshipFile.MaxReasonLength }
                ? Task.FromResult<IResult>(new Validation()
                    .When(body.Reason is not (ExitReason.OutOfHardship or ExitReason.NotRenewed), "reason", "OutOfHardship or NotRenewed.")
                    .When(body.Note is { Length: > HardshipFile.MaxReasonLength }, "note", $"At most {HardshipFile.MaxReasonLength} characters.").Problem())
                : Change(id, http, db, time, ct, (f, step) => Done(() =>
                {
                    f.Exit(body.Reason!.Value, body.Note, step.Today);
                    db.Publish(HardshipEvents.Exited(f, step.CorrelationId, step.Now), f.Id);
                }))).RequireAuthorization(UnionPolicies.Write);
        return group;
    }

    private static async Task<IResult> List(string? districtId, FileState? state, HardshipCategory? category, Guid? memberId,
        bool? needsReassessment, int? page, int? pageSize, ClaimsPrincipal user, HardshipDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(districtId is { Length: > 50 }, "districtId", "At most 50 characters.");
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        var query = db.Files.AsNoTracking().Where(f => scope.District == null || f.DistrictId == scope.District);
        if (districtId is not null) query = query.Where(f => f.DistrictId == districtId);
        if (state is not null) query = query.Where(f => f.State == state);
        if (category is not null) query = query.Where(f => f.Category == category);
        if (memberId is not null) query = query.Where(f => f.MemberId == memberId);
        if (needsReassessment is not null) query = query.Where(f => f.NeedsReassessment == needsReassessment);
        return TypedResults.Ok(await query.OrderByDescending(f => f.CreatedOn).ThenBy(f => f.Id).ToPageAsync(page, pageSize, FileView.From, ct));
    }

    private static async Task<Results<Ok<FileView>, ProblemHttpResult>> Get(Guid id, ClaimsPrincipal user, HardshipDbContext db, CancellationToken ct)
    {
        var file = await db.Files.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        return file is not null && user.DistrictScope().Allows(file.DistrictId) ? TypedResults.Ok(FileView.From(file)) : Problems.NotFound("The hardship file");
    }

    /// <summary>Surveys not done within 5 days of submission and reviews not done a year after filing, oldest first.</summary>
    private static async Task<IResult> Overdue(string? districtId, ClaimsPrincipal user, HardshipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var scope = user.DistrictScope();
        if (districtId is not null && !scope.Allows(districtId)) return Problems.NotFound("The district");
        var today = time.Today();
        var files = await db.Files.AsNoTracking()
            .Where(f => (scope.District == null || f.DistrictId == scope.District) && (districtId == null || f.DistrictId == districtId))
            .Where(f => (f.State == FileState.Submitted && f.SurveyDueOn < today)
                        || ((f.State == FileState.Filed || f.State == FileState.AnnualReview) && f.ReviewDueOn < today))
            .ToListAsync(ct);
        var items = files.Select(f => f.State == FileState.Submitted
                ? new OverdueItem(f.Id, f.MemberId, f.DistrictId, f.State, "Survey", f.SurveyDueOn!.Value, today.DayNumber - f.SurveyDueOn.Value.DayNumber)
                : new OverdueItem(f.Id, f.MemberId, f.DistrictId, f.State, "AnnualReview", f.ReviewDueOn!.Value, today.DayNumber - f.ReviewDueOn.Value.DayNumber))
            .OrderBy(i => i.DistrictId, StringComparer.Ordinal).ThenBy(i => i.DueOn).ThenBy(i => i.FileId).ToList();
        return TypedResults.Ok(items);
    }

    private static async Task<IResult> Open(OpenFile body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct)
    {
        var validation = ValidateDraft(body, requireMember: true);
        if (!validation.IsValid) return validation.Problem();

        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.MemberId == body.MemberId, ct);
        if (member is null || !http.User.DistrictScope().Allows(member.DistrictId)) return Problems.NotFound("The member");

        var today = time.Today();
        var file = HardshipFile.Open(Guid.CreateVersion7(time.GetUtcNow()), member,
            new HouseholdIncome(body.HouseholdSize!.Value, body.AnnualIncome!.Value, body.EssentialCosts!.Value), body.Causes!, today);
        db.Files.Add(file);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: HardshipConstraints.OneOpenFilePerMember })
        {
            return Problems.Conflict("The member already has an open hardship file.");
        }
        return TypedResults.Created($"/api/hardship-files/{file.Id}", FileView.From(file));
    }

    private static Task<IResult> CheckIncome(Guid id, IncomeCheck body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct,
        Action<HardshipFile, HouseholdIncome, decimal, Step> change)
    {
        var validation = ValidateIncome(new Validation(), body.HouseholdSize, body.AnnualIncome, body.EssentialCosts)
            .When(body.ConsentSignedOn is null, "consentSignedOn", "The household's signed consent to the income check is required.");
        if (!validation.IsValid) return Task.FromResult<IResult>(validation.Problem());
        var income = new HouseholdIncome(body.HouseholdSize!.Value, body.AnnualIncome!.Value, body.EssentialCosts!.Value);
        return Change(id, http, db, time, ct, async (f, step) =>
        {
            if (await AllowancesApi.InForceAsync(db, f.DistrictId, step.Today, ct) is not { } allowance)
                return Problems.Conflict($"No minimum living allowance is in force in {f.DistrictId}: publish one first.", f.State.ToString());
            change(f, income, allowance.Amount, step);
            return null;
        });
    }

    private static void PublishOutcome(HardshipDbContext db, HardshipFile f, Reassessment outcome, Step step)
    {
        if (outcome.Change is { } change) db.Publish(HardshipEvents.CategoryChanged(f, change, step.Today, step.CorrelationId, step.Now), f.Id);
        if (outcome.Exited) db.Publish(HardshipEvents.Exited(f, step.CorrelationId, step.Now), f.Id);
    }

    /// <summary>Loads a file within the caller's district, applies one rule, stages its events, saves atomically (optimistic concurrency).</summary>
    private static async Task<IResult> Change(Guid id, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct,
        Func<HardshipFile, Step, Task<IResult?>> change)
    {
        var file = await db.Files.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (file is null || !http.User.DistrictScope().Allows(file.DistrictId)) return Problems.NotFound("The hardship file");
        if (await change(file, new Step(time.Today(), time.GetUtcNow(), http.Id())) is { } problem) return problem;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(FileView.From(file));
    }

    private static Task<IResult?> Done(Action change)
    {
        change();
        return Task.FromResult<IResult?>(null);
    }

    private static IResult? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > HardshipFile.MaxReasonLength
            ? new Validation().Required(reason, "reason", HardshipFile.MaxReasonLength).Problem() : null;

    /// <summary>A draft's declared figures; the member only when opening (a correction cannot move a file to another member).</summary>
    private static Validation ValidateDraft(OpenFile body, bool requireMember) =>
        ValidateIncome(new Validation(), body.HouseholdSize, body.AnnualIncome, body.EssentialCosts)
            .When(requireMember && (body.MemberId is null || body.MemberId == Guid.Empty), "memberId", "This field is required.")
            .When(!requireMember && body.MemberId is not null, "memberId", "A draft's member cannot change.")
            .When(body.Causes is null || body.Causes.Count == 0, "causes", "At least one cause.");

    internal static Validation ValidateIncome(Validation v, int? householdSize, decimal? annualIncome, decimal? essentialCosts) => v
        .When(householdSize is null or < 1 or > HouseholdIncome.MaxHouseholdSize, "householdSize", $"Between 1 and {HouseholdIncome.MaxHouseholdSize}.")
        .When(!IsMoney(annualIncome, allowZero: true), "annualIncome", $"Yuan, 0 to {MaxMoney}, at most two decimals.")
        .When(!IsMoney(essentialCosts, allowZero: true), "essentialCosts", $"Yuan, 0 to {MaxMoney}, at most two decimals.");

    internal static bool IsMoney(decimal? value, bool allowZero) =>
        value is { } v && (allowZero ? v >= 0 : v > 0) && v <= MaxMoney && decimal.Round(v, 2) == v;
}
