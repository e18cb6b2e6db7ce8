using MassTransit;

namespace UnionPlatform.Contracts.FinanceAudit;

// Published by the FinanceAudit service: the replies to payment requests, and audit findings.

/// <summary>A requested payment was posted to the ledger: the money is paid.</summary>
[MessageUrn("unionplatform:finance-audit:payment-posted:v1")]
public sealed record PaymentPosted : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    /// <summary>The id of the request (e.g. a HardshipAid <c>PaymentRequested</c>) that was paid.</summary>
    public required Guid PaymentRequestId { get; init; }
    /// <summary>The request's purpose code, echoed so that each requester can pick out its own replies.</summary>
    public required string Purpose { get; init; }
    /// <summary>Yuan (CNY).</summary>
    public required decimal Amount { get; init; }
    /// <summary>The ledger entry that posted the payment.</summary>
    public required Guid LedgerEntryId { get; init; }
    /// <summary>The accounting date.</summary>
    public required DateOnly PostedOn { get; init; }
}

/// <summary>A requested payment will not be made; its reservation, if any, was voided.</summary>
[MessageUrn("unionplatform:finance-audit:payment-rejected:v1")]
public sealed record PaymentRejected : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid PaymentRequestId { get; init; }
    /// <summary>The request's purpose code, echoed.</summary>
    public required string Purpose { get; init; }
    /// <summary>Yuan (CNY), as requested.</summary>
    public required decimal Amount { get; init; }
    /// <summary>
    /// NoBudget, OverBudget, NoFiledHardshipFile, PayeeNotActiveMember, DuplicatePurpose, SplitPayment, OverCap,
    /// BlockedByAuditFinding or Voided.
    /// </summary>
    public required string ReasonCode { get; init; }
    /// <summary>A short explanation for the requester's staff, e.g. "hardship-aid budget line exhausted"; never names a person.</summary>
    public required string ReasonText { get; init; }
    /// <summary>The blocking finding, when <see cref="ReasonCode"/> is BlockedByAuditFinding.</summary>
    public required Guid? AuditFindingId { get; init; }
}

/// <summary>An audit rule found a problem with an entity; a Block finding holds the payment it concerns.</summary>
[MessageUrn("unionplatform:finance-audit:audit-finding-raised:v1")]
public sealed record AuditFindingRaised : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid FindingId { get; init; }
    /// <summary>The rule's stable id, e.g. "FIN-BUDGET-OVER" or "FIN-GIFT-CAP".</summary>
    public required string RuleId { get; init; }
    /// <summary>Block (the payment is held until resolved) or Warn.</summary>
    public required string Severity { get; init; }
    /// <summary>PaymentRequest, LedgerEntry, AidGrant, LegalAidCase, Award, Honour or BudgetLine.</summary>
    public required string EntityType { get; init; }
    public required Guid EntityId { get; init; }
    /// <summary>The service that owns the entity and acts on the finding: Membership, HardshipAid, LegalAid, Innovation or FinanceAudit.</summary>
    public required string OwningService { get; init; }
    /// <summary>The payment the finding holds, when it concerns one.</summary>
    public required Guid? PaymentRequestId { get; init; }
    /// <summary>Where the rule comes from: the law, notice or local regulation and article, e.g. "全总财务〔2017〕32号 art. 3".</summary>
    public required string RuleSource { get; init; }
}

/// <summary>An audit finding was resolved; a held payment may go on unless the resolution voided it.</summary>
[MessageUrn("unionplatform:finance-audit:audit-finding-resolved:v1")]
public sealed record AuditFindingResolved : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid FindingId { get; init; }
    public required string RuleId { get; init; }
    /// <summary>Block or Warn.</summary>
    public required string Severity { get; init; }
    /// <summary>As in <see cref="AuditFindingRaised.EntityType"/>.</summary>
    public required string EntityType { get; init; }
    public required Guid EntityId { get; init; }
    public required string OwningService { get; init; }
    public required Guid? PaymentRequestId { get; init; }
    /// <summary>
    /// Corrected (a correcting entry was posted), Justified (an approved exception: the payment may go on),
    /// PaymentVoided (the payment will not be made) or Withdrawn (raised in error).
    /// </summary>
    public required string Resolution { get; init; }
}
