using UnionPlatform.HardshipAid.Domain;

namespace UnionPlatform.HardshipAid.Api;

/// <summary>A file as staff see it. Income and causes are shown to authorised staff only, and never leave the service otherwise.</summary>
public sealed record FileView(Guid Id, Guid MemberId, string DistrictId, Guid UnionId, FileState State,
    int HouseholdSize, decimal AnnualIncome, decimal EssentialCosts, decimal PerPersonMonthlyIncome, IReadOnlyList<HardshipCause> Causes,
    HardshipCategory? Category, decimal? AllowanceApplied, DateOnly CreatedOn, DateOnly? SubmittedOn, DateOnly? SurveyDueOn,
    DateOnly? SurveyedOn, DateOnly? ConsentSignedOn, DateOnly? IncomeCheckedOn, DateOnly? NoticeStartedOn, DateOnly? FiledOn,
    DateOnly? ReviewDueOn, DateOnly? ClosedOn, ExitReason? ExitReason, string? ClosingReason, bool NeedsReassessment,
    Guid? ConsentDocumentId)
{
    public static FileView From(HardshipFile f) => new(f.Id, f.MemberId, f.DistrictId, f.UnionId, f.State,
        f.HouseholdSize, f.AnnualIncome, f.EssentialCosts, decimal.Round(f.Income.PerPersonMonthly, 2), f.Causes,
        f.Category, f.AllowanceApplied, f.CreatedOn, f.SubmittedOn, f.SurveyDueOn,
        f.SurveyedOn, f.ConsentSignedOn, f.IncomeCheckedOn, f.NoticeStartedOn, f.FiledOn,
        f.ReviewDueOn, f.ClosedOn, f.ExitReason, f.ClosingReason, f.NeedsReassessment,
        f.ConsentDocumentId);
}

public sealed record GrantView(Guid Id, Guid? FileId, Guid MemberId, string DistrictId, Guid UnionId, AidType Type, StudyLevel? StudyLevel,
    decimal Amount, decimal? OutOfPocketCost, int AidYear, DateOnly GrantedOn, GrantStatus Status, DateOnly? PaidOn,
    string? RejectionCode, string? RejectionText)
{
    public static GrantView From(AidGrant g) => new(g.Id, g.FileId, g.MemberId, g.DistrictId, g.UnionId, g.Type, g.StudyLevel,
        g.Amount, g.OutOfPocketCost, g.AidYear, g.GrantedOn, g.Status, g.PaidOn, g.RejectionCode, g.RejectionText);
}

public sealed record AllowanceView(Guid Id, string DistrictId, decimal Amount, DateOnly EffectiveFrom, DateTimeOffset PublishedAt)
{
    public static AllowanceView From(MinimumLivingAllowance a) => new(a.Id, a.DistrictId, a.Amount, a.EffectiveFrom, a.PublishedAt);
}

/// <summary>Work past its deadline in a district: surveys not done 5 days after submission, reviews not done a year after filing.</summary>
public sealed record OverdueItem(Guid FileId, Guid MemberId, string DistrictId, FileState State, string Work, DateOnly DueOn, int DaysOverdue);
