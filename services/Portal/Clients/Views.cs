namespace UnionPlatform.Portal.Clients;

// The services' answers as the portal reads them (enums as the strings on the wire). Only the fields pages show.

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record CoverageFigures(string Scope, string Month, long Enterprises, long CoveredEnterprises, decimal OrganisationRate,
    long Employees, long CoveredEmployees, long Members, decimal MembershipRateOfCoveredEnterprises, decimal MembershipRate);

public sealed record CoverageReport(string Month, CoverageFigures? City, IReadOnlyList<CoverageFigures> Districts);

public sealed record OrganisationView(Guid Id, string Name, string Kind, Guid? ParentId, string DistrictId, string State, int TermYears,
    DateOnly? TermStartedOn, DateOnly? TermEndsOn, bool HasCommittee, Guid? MergedIntoId);

public sealed record EnterpriseView(Guid Id, string CreditCode, string Name, string DistrictId, string Industry, int Headcount, Guid? UnionId);

public sealed record MemberView(Guid Id, string NationalIdMasked, string Name, string PhoneMasked, string DistrictId, Guid UnionId,
    Guid? EnterpriseId, string Status, DateOnly AppliedOn, DateOnly? JoinedOn, DateOnly? DuesPaidThrough,
    DateOnly? EducationRecordedOn, DateOnly? EndedOn);

public sealed record OverdueItem(Guid FileId, Guid MemberId, string DistrictId, string State, string Work, DateOnly DueOn, int DaysOverdue);

public sealed record HistoryView(DateTimeOffset OccurredAt, string Change, Guid UnionId, string DistrictId, string? Reason);

public sealed record RowError(int Line, string Field, string Message);

public sealed record ImportReport(int Rows, int Imported, int Rejected, IReadOnlyList<RowError> Errors, bool ErrorsTruncated);

public sealed record FileView(Guid Id, Guid MemberId, string DistrictId, Guid UnionId, string State,
    int HouseholdSize, decimal AnnualIncome, decimal EssentialCosts, decimal PerPersonMonthlyIncome, IReadOnlyList<string> Causes,
    string? Category, decimal? AllowanceApplied, DateOnly CreatedOn, DateOnly? SubmittedOn, DateOnly? SurveyDueOn,
    DateOnly? SurveyedOn, DateOnly? ConsentSignedOn, DateOnly? IncomeCheckedOn, DateOnly? NoticeStartedOn, DateOnly? FiledOn,
    DateOnly? ReviewDueOn, DateOnly? ClosedOn, string? ExitReason, string? ClosingReason, bool NeedsReassessment,
    Guid? ConsentDocumentId);

/// <summary>A document kept for a record (the document store's view).</summary>
public sealed record DocumentView(Guid Id, string Kind, string FileName, string MediaType, long Size, string Sha256, DateTimeOffset UploadedAt);

public sealed record GrantView(Guid Id, Guid? FileId, Guid MemberId, string DistrictId, Guid UnionId, string Type, string? StudyLevel,
    decimal Amount, decimal? OutOfPocketCost, int AidYear, DateOnly GrantedOn, string Status, DateOnly? PaidOn,
    string? RejectionCode, string? RejectionText);

public sealed record AidCapView(string Type, string? StudyLevel, decimal? Cap, decimal Granted, decimal? Remaining);

public sealed record DistrictStatistics(string DistrictId, int Year, IReadOnlyDictionary<string, int> ActiveFilesByCategory,
    IReadOnlyDictionary<string, decimal> AidPaidByType, int ExitsThisYear, decimal? AverageDaysToFiling);

public sealed record UncoveredEnterprise(Guid Id, string Name, string CreditCode, int Headcount, decimal OrganisationRatePoints, decimal MembershipRatePoints);
public sealed record LowMembershipEnterprise(Guid Id, string Name, Guid UnionId, int Headcount, int ActiveMembers, decimal MembershipRate);
public sealed record CoverageGaps(string DistrictId, IReadOnlyList<UncoveredEnterprise> Uncovered, IReadOnlyList<LowMembershipEnterprise> LowMembership);
