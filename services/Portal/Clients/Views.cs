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
