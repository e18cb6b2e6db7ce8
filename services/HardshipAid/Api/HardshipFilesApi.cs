using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.Documents;
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
/// <summary>What a file endpoint needs, bound per request; changes go through <see cref="RecordChange"/>.</summary>
public sealed record FileRequest(HardshipDbContext Db, TimeProvider Time, HttpContext Http)
{
    public const string What = "The hardship file";

    public Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> ChangeAsync(Guid id, Action<HardshipFile, Moment> change) =>
        RecordChange.ApplyAsync(Db, Http, Time, Db.Files, f => f.Id == id, f => f.DistrictId, What, RecordChange.Always(change), FileView.From);
}

public static class HardshipFilesApi
{
    public const decimal MaxMoney = 100_000_000m;

    public static RouteGroupBuilder MapHardshipFilesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/hardship-files").WithTags("Hardship files").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List).WithName("ListHardshipFiles").WithSummary("Files in the caller's districts, newest first, with filters.");
        group.MapGet("/overdue", Overdue).WithName("ListOverdueWork").WithSummary("Surveys and reviews past their due date, per district.");
        group.MapGet("/{id:guid}", Get).WithName("GetHardshipFile").WithSummary("One file.");
        group.MapPost("/", Open).WithName("OpenHardshipFile").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Opens a draft file for an active member (one open file per member).");
        group.MapPut("/{id:guid}", UpdateDraft).WithName("UpdateDraftFile").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Corrects a draft's declared household, income and causes.");
        group.MapPost("/{id:guid}/submit", Submit).WithName("SubmitFile").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Submits a draft: the home survey is due within 5 days.");
        group.MapPost("/{id:guid}/survey", RecordSurvey).WithName("RecordSurvey").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Records the home visit.");
        group.MapPost("/{id:guid}/income-check", CheckIncome).WithName("RecordIncomeCheck").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Records the income check (signed consent required); the category follows from the district's 低保.");
        group.MapPost("/{id:guid}/public-notice", StartPublicNotice).WithName("StartPublicNotice").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Starts the public notice.");
        group.MapPost("/{id:guid}/file", FileIt).WithName("FileHardshipFile").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Files the household after the notice (HardshipFileFiled), once its signed consent form is uploaded: aid may be granted, a review is due in a year.");
        group.MapPost("/{id:guid}/annual-review", StartAnnualReview).WithName("StartAnnualReview").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Opens the yearly review of a filed household.");
        group.MapPost("/{id:guid}/renewal", Renew).WithName("CompleteAnnualReview").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Completes the review with a new income check: renewed, re-categorised or exited.");
        group.MapPost("/{id:guid}/income-recheck", RecheckIncome).WithName("RecheckIncome").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Re-checks income between reviews (e.g. after wages were recovered): re-categorised or exited.");
        group.MapPost("/{id:guid}/reject", Reject).WithName("RejectFile").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Rejects an application, with the written reason.");
        group.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelFile").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Cancels a file, with the reason (HardshipFileExited when it was filed).");
        group.MapPost("/{id:guid}/exit", Exit).WithName("ExitFile").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("The household leaves hardship, or was not renewed (HardshipFileExited).");
        group.MapDocuments(FileDocumentsApi.Rules);
        return group;
    }

    private static async Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> UpdateDraft(Guid id, OpenFile body, [AsParameters] FileRequest r)
    {
        if (ValidateDraft(body, requireMember: false) is { IsValid: false } invalid) return invalid.Problem();
        return await r.ChangeAsync(id, (f, _) => f.UpdateDraft(
            new HouseholdIncome(body.HouseholdSize!.Value, body.AnnualIncome!.Value, body.EssentialCosts!.Value), body.Causes!));
    }

    private static Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> Submit(Guid id, [AsParameters] FileRequest r) =>
        r.ChangeAsync(id, (f, at) => f.Submit(at.Today));

    private static async Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> RecordSurvey(Guid id, RecordSurvey body, [AsParameters] FileRequest r)
    {
        if (body.VisitedOn is not { } visitedOn) return new Validation().Add("visitedOn", "This field is required.").Problem();
        return await r.ChangeAsync(id, (f, at) => f.RecordSurvey(visitedOn, at.Today));
    }

    private static Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> CheckIncome(Guid id, IncomeCheck body, [AsParameters] FileRequest r) =>
        WithIncome(id, body, r, (f, income, allowance, at) => f.RecordIncomeCheck(body.ConsentSignedOn, income, allowance, at.Today));

    private static Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> StartPublicNotice(Guid id, [AsParameters] FileRequest r) =>
        r.ChangeAsync(id, (f, at) => f.StartPublicNotice(at.Today));

    private static Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> FileIt(Guid id, [AsParameters] FileRequest r) =>
        r.ChangeAsync(id, (f, at) =>
        {
            f.File(at.Today);
            r.Db.Publish(HardshipEvents.Filed(f, at.CorrelationId, at.Now), f.Id);
        });

    private static Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> StartAnnualReview(Guid id, [AsParameters] FileRequest r) =>
        r.ChangeAsync(id, (f, _) => f.StartAnnualReview());

    private static Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> Renew(Guid id, IncomeCheck body, [AsParameters] FileRequest r) =>
        WithIncome(id, body, r, (f, income, allowance, at) =>
            PublishOutcome(r.Db, f, f.CompleteAnnualReview(body.ConsentSignedOn, income, allowance, at.Today), at));

    private static Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> RecheckIncome(Guid id, IncomeCheck body, [AsParameters] FileRequest r) =>
        WithIncome(id, body, r, (f, income, allowance, at) =>
            PublishOutcome(r.Db, f, f.RecheckIncome(body.ConsentSignedOn, income, allowance, at.Today), at));

    private static async Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> Reject(Guid id, GiveReason body, [AsParameters] FileRequest r)
    {
        if (ReasonProblem(body.Reason) is { } problem) return problem;
        return await r.ChangeAsync(id, (f, at) => f.Reject(body.Reason!, at.Today));
    }

    private static async Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> Cancel(Guid id, GiveReason body, [AsParameters] FileRequest r)
    {
        if (ReasonProblem(body.Reason) is { } problem) return problem;
        return await r.ChangeAsync(id, (f, at) =>
        {
            if (f.Cancel(body.Reason!, at.Today)) r.Db.Publish(HardshipEvents.Exited(f, at.CorrelationId, at.Now), f.Id);
        });
    }

    private static async Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> Exit(Guid id, ExitFile body, [AsParameters] FileRequest r)
    {
        var validation = new Validation()
            .When(body.Reason is not (ExitReason.OutOfHardship or ExitReason.NotRenewed), "reason", "OutOfHardship or NotRenewed.")
            .When(body.Note is { Length: > HardshipFile.MaxReasonLength }, "note", $"At most {HardshipFile.MaxReasonLength} characters.");
        if (!validation.IsValid) return validation.Problem();
        return await r.ChangeAsync(id, (f, at) =>
        {
            f.Exit(body.Reason!.Value, body.Note, at.Today);
            r.Db.Publish(HardshipEvents.Exited(f, at.CorrelationId, at.Now), f.Id);
        });
    }

    private static async Task<Results<Ok<Paged<FileView>>, ValidationProblem>> List(string? districtId, FileState? state, HardshipCategory? category, Guid? memberId,
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
    private static async Task<Results<Ok<List<OverdueItem>>, ProblemHttpResult>> Overdue(string? districtId, ClaimsPrincipal user, HardshipDbContext db, TimeProvider time, CancellationToken ct)
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

    private static async Task<Results<Created<FileView>, ProblemHttpResult, ValidationProblem>> Open(OpenFile body, HttpContext http, HardshipDbContext db, TimeProvider time, CancellationToken ct)
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

    /// <summary>An income check needs the signed consent and the district's 低保 in force today.</summary>
    private static async Task<Results<Ok<FileView>, ProblemHttpResult, ValidationProblem>> WithIncome(Guid id, IncomeCheck body, FileRequest r,
        Action<HardshipFile, HouseholdIncome, decimal, Moment> change)
    {
        var validation = ValidateIncome(new Validation(), body.HouseholdSize, body.AnnualIncome, body.EssentialCosts)
            .When(body.ConsentSignedOn is null, "consentSignedOn", "The household's signed consent to the income check is required.");
        if (!validation.IsValid) return validation.Problem();
        var income = new HouseholdIncome(body.HouseholdSize!.Value, body.AnnualIncome!.Value, body.EssentialCosts!.Value);
        return await RecordChange.ApplyAsync(r.Db, r.Http, r.Time, r.Db.Files, f => f.Id == id, f => f.DistrictId, FileRequest.What, async (f, at) =>
        {
            if (await AllowancesApi.InForceAsync(r.Db, f.DistrictId, at.Today, r.Http.RequestAborted) is not { } allowance)
                return Problems.Conflict($"No minimum living allowance is in force in {f.DistrictId}: publish one first.", f.State.ToString());
            change(f, income, allowance.Amount, at);
            return null;
        }, FileView.From);
    }

    private static void PublishOutcome(HardshipDbContext db, HardshipFile f, Reassessment outcome, Moment at)
    {
        if (outcome.Change is { } change) db.Publish(HardshipEvents.CategoryChanged(f, change, at.Today, at.CorrelationId, at.Now), f.Id);
        if (outcome.Exited) db.Publish(HardshipEvents.Exited(f, at.CorrelationId, at.Now), f.Id);
    }

    private static ValidationProblem? ReasonProblem(string? reason) =>
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
