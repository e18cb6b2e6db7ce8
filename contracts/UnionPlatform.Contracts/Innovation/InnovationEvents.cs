using MassTransit;

namespace UnionPlatform.Contracts.Innovation;

// Published by the Innovation service. Finance pays the prizes and checks them against caps and audit rules.

/// <summary>A campaign submission was awarded a tier and a prize, shared among its members.</summary>
[MessageUrn("unionplatform:innovation:award-granted:v1")]
public sealed record AwardGranted : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid AwardId { get; init; }
    public required Guid CampaignId { get; init; }
    public required Guid SubmissionId { get; init; }
    /// <summary>The organiser union, whose awards budget pays the prize.</summary>
    public required Guid OrganiserUnionId { get; init; }
    /// <summary>The campaign's tier code, e.g. First, Second, Third or Excellence.</summary>
    public required string Tier { get; init; }
    /// <summary>Who is paid what; one entry for a single submitter.</summary>
    public required IReadOnlyList<AwardRecipient> Recipients { get; init; }
    /// <summary>The reviewers who scored the submission: none of them may receive its prize.</summary>
    public required IReadOnlyList<Guid> ReviewerIds { get; init; }
    public required DateOnly GrantedOn { get; init; }
}

/// <summary>One member's share of an award's prize.</summary>
public sealed record AwardRecipient
{
    public required Guid MemberId { get; init; }
    /// <summary>Yuan (CNY).</summary>
    public required decimal Amount { get; init; }
}

/// <summary>An honour (model worker, craftsman, innovation studio) was conferred on a member or an enterprise.</summary>
[MessageUrn("unionplatform:innovation:honour-conferred:v1")]
public sealed record HonourConferred : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid HonourId { get; init; }
    /// <summary>ModelWorker, Craftsman or InnovationStudio.</summary>
    public required string Kind { get; init; }
    /// <summary>The union that conferred it, whose budget pays any bonus.</summary>
    public required Guid ConferringUnionId { get; init; }
    /// <summary>The member honoured; null for an honour held by an enterprise (an innovation studio).</summary>
    public required Guid? MemberId { get; init; }
    /// <summary>The enterprise that holds an innovation studio; null for a personal honour.</summary>
    public required Guid? EnterpriseId { get; init; }
    /// <summary>The honours year whose quota it counts against.</summary>
    public required int Year { get; init; }
    public required DateOnly ConferredOn { get; init; }
    /// <summary>Yuan (CNY) paid with the honour; null when none.</summary>
    public required decimal? BonusAmount { get; init; }
}
