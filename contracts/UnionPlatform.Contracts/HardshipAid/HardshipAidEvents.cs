using MassTransit;

namespace UnionPlatform.Contracts.HardshipAid;

// Published by the HardshipAid service. A hardship file's income, household, fixed costs and causes are personal
// data: they stay inside HardshipAid. These events carry the file's id, its category and dates only.

/// <summary>
/// A member's household hardship file (困难职工档案) passed public notice and was filed: the household is on the
/// hardship register and aid may be granted against the file.
/// </summary>
[MessageUrn("unionplatform:hardship-aid:hardship-file-filed:v1")]
public sealed record HardshipFileFiled : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid FileId { get; init; }
    /// <summary>The member whose household the file is for.</summary>
    public required Guid MemberId { get; init; }
    /// <summary>The union that keeps the file.</summary>
    public required Guid UnionId { get; init; }
    /// <summary>
    /// Deep (below the minimum living allowance), Relative (below twice it) or Accidental (injury, disaster, or
    /// hardship costs above 80% of the household's income).
    /// </summary>
    public required string Category { get; init; }
    public required DateOnly FiledOn { get; init; }
    /// <summary>The file must pass its annual review by this date, or it lapses.</summary>
    public required DateOnly ReviewDueOn { get; init; }
}

/// <summary>A filed hardship file moved to another category (at annual review, or after a re-check).</summary>
[MessageUrn("unionplatform:hardship-aid:hardship-category-changed:v1")]
public sealed record HardshipCategoryChanged : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid FileId { get; init; }
    public required Guid MemberId { get; init; }
    /// <summary>Deep, Relative or Accidental.</summary>
    public required string FromCategory { get; init; }
    /// <summary>Deep, Relative or Accidental.</summary>
    public required string ToCategory { get; init; }
    /// <summary>
    /// AnnualReview, ThresholdChanged (a new minimum living allowance), IncomeRechecked (e.g. after wages were
    /// recovered in a legal-aid case) or Correction.
    /// </summary>
    public required string Trigger { get; init; }
    public required DateOnly EffectiveOn { get; init; }
}

/// <summary>
/// A hardship file stopped being active: the household is out of hardship (脱困), or the file lapsed or was
/// cancelled. No further aid may be granted against it; an exited worker may apply again with a new file.
/// </summary>
[MessageUrn("unionplatform:hardship-aid:hardship-file-exited:v1")]
public sealed record HardshipFileExited : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid FileId { get; init; }
    public required Guid MemberId { get; init; }
    /// <summary>
    /// OutOfHardship (脱困), NotRenewed (the annual review was not passed in time), MembershipEnded (the member
    /// withdrew, transferred out or died) or Cancelled (filed in error).
    /// </summary>
    public required string Reason { get; init; }
    public required DateOnly ExitedOn { get; init; }
}

/// <summary>
/// Aid was granted to a member, against a filed hardship file (or, for temporary relief, without one). Finance
/// is asked to pay it by a <see cref="PaymentRequested"/> that follows.
/// </summary>
[MessageUrn("unionplatform:hardship-aid:aid-granted:v1")]
public sealed record AidGranted : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid GrantId { get; init; }
    /// <summary>The filed hardship file; null only for temporary relief granted without a file.</summary>
    public required Guid? FileId { get; init; }
    /// <summary>The recipient.</summary>
    public required Guid MemberId { get; init; }
    /// <summary>The union whose budget pays the aid.</summary>
    public required Guid UnionId { get; init; }
    /// <summary>Living, Medical, Study, Employment or TemporaryRelief.</summary>
    public required string AidType { get; init; }
    /// <summary>Yuan (CNY).</summary>
    public required decimal Amount { get; init; }
    /// <summary>The calendar year whose per-year caps the grant counts against.</summary>
    public required int AidYear { get; init; }
    public required DateOnly GrantedOn { get; init; }
}

/// <summary>
/// HardshipAid asked Finance to pay a member. Finance reserves the amount, then replies with
/// <c>PaymentPosted</c> or <c>PaymentRejected</c>; the same <see cref="PaymentRequestId"/> is paid at most once,
/// however often this event is delivered.
/// </summary>
[MessageUrn("unionplatform:hardship-aid:payment-requested:v1")]
public sealed record PaymentRequested : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    /// <summary>The idempotency key: Finance pays one request id at most once.</summary>
    public required Guid PaymentRequestId { get; init; }
    /// <summary>HardshipLiving, HardshipMedical, HardshipStudy, HardshipEmployment or TemporaryRelief.</summary>
    public required string Purpose { get; init; }
    /// <summary>The member who is paid; Finance holds the payment details, never the event.</summary>
    public required Guid PayeeMemberId { get; init; }
    /// <summary>The union whose budget (hardship-aid line) pays.</summary>
    public required Guid PayingUnionId { get; init; }
    /// <summary>Yuan (CNY), more than zero.</summary>
    public required decimal Amount { get; init; }
    /// <summary>The grant being paid.</summary>
    public required Guid GrantId { get; init; }
    /// <summary>The filed hardship file the grant was made against; null only for temporary relief.</summary>
    public required Guid? FileId { get; init; }
}
