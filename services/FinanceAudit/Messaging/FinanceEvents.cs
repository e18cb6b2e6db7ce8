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
        AuditFindingId = null,
    };
}
