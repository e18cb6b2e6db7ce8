using MassTransit;

namespace UnionPlatform.Contracts.LegalAid;

// Published by the LegalAid service. The claim, the evidence and the narrative of a case are personal data and
// stay inside LegalAid: these events carry ids, codes, dates and the amount recovered.

/// <summary>A legal-aid application was accepted: the union will act for the worker(s) in the dispute.</summary>
[MessageUrn("unionplatform:legal-aid:legal-aid-case-accepted:v1")]
public sealed record LegalAidCaseAccepted : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid CaseId { get; init; }
    /// <summary>The union that handles the case.</summary>
    public required Guid HandlingUnionId { get; init; }
    /// <summary>The members the case acts for: the applicant, or the members among a group case's workers.</summary>
    public required IReadOnlyList<Guid> MemberIds { get; init; }
    /// <summary>The employer in dispute, when it is a registered enterprise.</summary>
    public required Guid? EmployerEnterpriseId { get; init; }
    /// <summary>WageArrears, Contract, WorkInjury, SocialInsurance or Dismissal.</summary>
    public required string DisputeType { get; init; }
    /// <summary>Workers sharing the claim, members or not; 10 or more makes a group case.</summary>
    public required int WorkerCount { get; init; }
    public required DateOnly AcceptedOn { get; init; }
}

/// <summary>An accepted legal-aid case moved to another stage.</summary>
[MessageUrn("unionplatform:legal-aid:legal-aid-case-stage-changed:v1")]
public sealed record LegalAidCaseStageChanged : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid CaseId { get; init; }
    /// <summary>Accepted, Assigned, Negotiation, Mediation, Arbitration, Litigation, Enforcement, Closed or Archived.</summary>
    public required string FromStage { get; init; }
    /// <summary>Same values as <see cref="FromStage"/>.</summary>
    public required string ToStage { get; init; }
    public required DateOnly EnteredOn { get; init; }
}

/// <summary>
/// A legal-aid case was closed with an outcome. Finance pays the lawyer's fee, if any; HardshipAid re-checks the
/// members' hardship files after wages were recovered; Innovation's negative list notes employers with wage arrears.
/// </summary>
[MessageUrn("unionplatform:legal-aid:legal-aid-case-closed:v1")]
public sealed record LegalAidCaseClosed : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid CaseId { get; init; }
    public required Guid HandlingUnionId { get; init; }
    /// <summary>The members the case acted for.</summary>
    public required IReadOnlyList<Guid> MemberIds { get; init; }
    public required Guid? EmployerEnterpriseId { get; init; }
    /// <summary>WageArrears, Contract, WorkInjury, SocialInsurance or Dismissal.</summary>
    public required string DisputeType { get; init; }
    /// <summary>SettledWithoutProceedings, Mediated, ArbitrationAward, Judgment, Withdrawn or Rejected.</summary>
    public required string OutcomeCode { get; init; }
    /// <summary>Yuan (CNY) recovered for all the workers of the case; zero when nothing was recovered.</summary>
    public required decimal AmountRecovered { get; init; }
    public required DateOnly ClosedOn { get; init; }
    /// <summary>The external lawyer the union pays; null when a union legal worker handled the case.</summary>
    public required Guid? LawyerId { get; init; }
    /// <summary>Yuan (CNY) the union owes the lawyer at the set rate; null when no fee is due.</summary>
    public required decimal? LawyerFee { get; init; }
}

/// <summary>A legal deadline of a case is near (or passed) and someone must act.</summary>
[MessageUrn("unionplatform:legal-aid:deadline-approaching:v1")]
public sealed record DeadlineApproaching : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid CaseId { get; init; }
    public required Guid HandlingUnionId { get; init; }
    /// <summary>The lawyer or union legal worker to warn; null before the case is assigned.</summary>
    public required Guid? AssigneeId { get; init; }
    /// <summary>
    /// ApplicationDecision (7 working days), Mediation (15 days), Limitation (1 year), ArbitrationAcceptance
    /// (5 days), ArbitrationAward (45 + 15 days) or Appeal (15 days from the award).
    /// </summary>
    public required string DeadlineKind { get; init; }
    public required DateOnly DueOn { get; init; }
}
