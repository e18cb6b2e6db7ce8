using MassTransit;

namespace UnionPlatform.Contracts.Membership;

/// <summary>A union organisation was approved by its parent and may now admit members.</summary>
[MessageUrn("unionplatform:membership:organisation-approved:v1")]
public sealed record OrganisationApproved : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required Guid? ParentId { get; init; }
    /// <summary>City, District, Grassroots, JointGrassroots or UnionGroup.</summary>
    public required string Kind { get; init; }
    public required string Name { get; init; }
    /// <summary>Enterprises the organisation covers (empty for federations).</summary>
    public required IReadOnlyList<Guid> CoveredEnterpriseIds { get; init; }
}

/// <summary>A union organisation was dissolved or merged into another.</summary>
[MessageUrn("unionplatform:membership:organisation-dissolved:v1")]
public sealed record OrganisationDissolved : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid OrganisationId { get; init; }
    /// <summary>Dissolved or Merged.</summary>
    public required string Outcome { get; init; }
    /// <summary>The organisation it merged into, when merged.</summary>
    public Guid? MergedIntoId { get; init; }
}

/// <summary>A worker became an active member of a union.</summary>
[MessageUrn("unionplatform:membership:member-joined:v1")]
public sealed record MemberJoined : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid MemberId { get; init; }
    public required Guid UnionId { get; init; }
    public required Guid? EnterpriseId { get; init; }
    public required DateOnly JoinedOn { get; init; }
}

/// <summary>A member moved to another union; the old membership closed and the new one opened atomically.</summary>
[MessageUrn("unionplatform:membership:member-transferred:v1")]
public sealed record MemberTransferred : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The new district.</summary>
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid MemberId { get; init; }
    public required Guid FromUnionId { get; init; }
    public required string FromDistrictId { get; init; }
    public required Guid ToUnionId { get; init; }
    public required Guid? ToEnterpriseId { get; init; }
    /// <summary>Active or Retained: a transfer keeps the member's status.</summary>
    public required string MemberStatus { get; init; }
}

/// <summary>A member keeps membership without dues or vote (retired or laid off).</summary>
[MessageUrn("unionplatform:membership:member-retained:v1")]
public sealed record MemberRetained : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid MemberId { get; init; }
    public required Guid UnionId { get; init; }
    /// <summary>Retired or LaidOff.</summary>
    public required string Reason { get; init; }
}

/// <summary>A membership ended other than by death: Voluntary, NoDues (after the education step) or Expelled.</summary>
[MessageUrn("unionplatform:membership:member-withdrawn:v1")]
public sealed record MemberWithdrawn : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid MemberId { get; init; }
    public required Guid UnionId { get; init; }
    public required string Reason { get; init; }
    /// <summary>Active or Retained: the status the membership ended from.</summary>
    public required string PreviousStatus { get; init; }
}

/// <summary>A member died; the membership is closed.</summary>
[MessageUrn("unionplatform:membership:member-deceased:v1")]
public sealed record MemberDeceased : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid MemberId { get; init; }
    public required Guid UnionId { get; init; }
    public required DateOnly DiedOn { get; init; }
    /// <summary>Applied, Active or Retained: the status the membership ended from.</summary>
    public required string PreviousStatus { get; init; }
}
