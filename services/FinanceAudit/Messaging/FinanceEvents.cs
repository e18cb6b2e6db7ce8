using UnionPlatform.Contracts.FinanceAudit;
using UnionPlatform.FinanceAudit.Domain;

namespace UnionPlatform.FinanceAudit.Messaging;

/// <summary>Builds the replies to payment requests: ids, purpose, amount and reason, never a person's details.</summary>
public static class FinanceEvents
{
    public static PaymentPosted Posted(Payment p, LedgerTransaction t, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = p.DistrictId, CorrelationId = p.CorrelationId,
        PaymentRequestId = p.Id, Purpose = p.Purpose, Amount = p.Amount, LedgerEntryId = t.Id, PostedOn = t.PostedOn,
    };

    public static PaymentRejected Rejected(Payment p, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = p.DistrictId, CorrelationId = p.CorrelationId,
        PaymentRequestId = p.Id, Purpose = p.Purpose, Amount = p.Amount, ReasonCode = p.ReasonCode!, ReasonText = p.ReasonText!,
        AuditFindingId = p.AuditFindingId,
    };

    public static AuditFindingRaised Raised(AuditFinding f, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = f.DistrictId, CorrelationId = correlationId,
        FindingId = f.Id, RuleId = f.RuleId, Severity = f.Severity.ToString(), EntityType = f.EntityType, EntityId = f.EntityId,
        OwningService = f.OwningService, PaymentRequestId = f.PaymentRequestId, RuleSource = f.RuleSource,
    };

    public static AuditFindingResolved Resolved(AuditFinding f, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = f.DistrictId, CorrelationId = correlationId,
        FindingId = f.Id, RuleId = f.RuleId, Severity = f.Severity.ToString(), EntityType = f.EntityType, EntityId = f.EntityId,
        OwningService = f.OwningService, PaymentRequestId = f.PaymentRequestId, Resolution = f.Resolution!.Value.ToString(),
    };
}
