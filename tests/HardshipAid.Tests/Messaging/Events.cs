using UnionPlatform.Contracts.FinanceAudit;
using UnionPlatform.Contracts.Membership;

namespace UnionPlatform.HardshipAid.Tests.Messaging;

/// <summary>The events Membership and Finance would publish, as the tests play those services.</summary>
internal static class Events
{
    public static MemberJoined Joined(Guid memberId, string district, Guid unionId, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = at, DistrictId = district, CorrelationId = Guid.NewGuid(),
        MemberId = memberId, UnionId = unionId, EnterpriseId = null, JoinedOn = DateOnly.FromDateTime(at.UtcDateTime),
    };

    public static MemberWithdrawn Withdrawn(Guid memberId, string district, Guid unionId, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = at, DistrictId = district, CorrelationId = Guid.NewGuid(),
        MemberId = memberId, UnionId = unionId, Reason = "Voluntary", PreviousStatus = "Active",
    };

    public static MemberDeceased Deceased(Guid memberId, string district, Guid unionId, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = at, DistrictId = district, CorrelationId = Guid.NewGuid(),
        MemberId = memberId, UnionId = unionId, DiedOn = DateOnly.FromDateTime(at.UtcDateTime), PreviousStatus = "Active",
    };

    public static MemberTransferred Transferred(Guid memberId, string from, string to, Guid toUnion, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = at, DistrictId = to, CorrelationId = Guid.NewGuid(), MemberId = memberId,
        FromUnionId = Guid.NewGuid(), FromDistrictId = from, ToUnionId = toUnion, ToEnterpriseId = null, MemberStatus = "Active",
    };

    public static PaymentPosted Posted(Guid requestId, decimal amount, Guid ledgerEntryId) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "gulou", CorrelationId = Guid.NewGuid(),
        PaymentRequestId = requestId, Purpose = "HardshipLiving", Amount = amount, LedgerEntryId = ledgerEntryId,
        PostedOn = DateOnly.FromDateTime(DateTime.UtcNow),
    };

    public static PaymentRejected Rejected(Guid requestId, decimal amount, string code) => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "gulou", CorrelationId = Guid.NewGuid(),
        PaymentRequestId = requestId, Purpose = "HardshipLiving", Amount = amount, ReasonCode = code,
        ReasonText = "hardship-aid budget line exhausted", AuditFindingId = null,
    };
}
