using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Domain;

namespace UnionPlatform.Membership.Messaging;

/// <summary>Builds the integration events from the entities. Ids and codes only: never a name or a national ID.</summary>
public static class MemberEvents
{
    public static MemberJoined Joined(Member m, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = m.DistrictId, CorrelationId = correlationId,
        MemberId = m.Id, UnionId = m.UnionId, EnterpriseId = m.EnterpriseId, JoinedOn = m.JoinedOn!.Value,
    };

    /// <summary>For set-based writes (a roster import) that have no tracked entity.</summary>
    public static MemberJoined Joined(Guid memberId, Organisation union, Guid? enterpriseId, DateOnly joinedOn, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = union.DistrictId, CorrelationId = correlationId,
        MemberId = memberId, UnionId = union.Id, EnterpriseId = enterpriseId, JoinedOn = joinedOn,
    };

    public static MemberTransferred Transferred(Member m, Guid fromUnionId, string fromDistrictId, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = m.DistrictId, CorrelationId = correlationId,
        MemberId = m.Id, FromUnionId = fromUnionId, FromDistrictId = fromDistrictId, ToUnionId = m.UnionId, ToEnterpriseId = m.EnterpriseId,
        MemberStatus = m.Status.ToString(),
    };

    public static MemberRetained Retained(Member m, RetentionReason reason, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = m.DistrictId, CorrelationId = correlationId,
        MemberId = m.Id, UnionId = m.UnionId, Reason = reason.ToString(),
    };

    public static MemberWithdrawn Withdrawn(Member m, string reason, MemberStatus previous, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = m.DistrictId, CorrelationId = correlationId,
        MemberId = m.Id, UnionId = m.UnionId, Reason = reason, PreviousStatus = previous.ToString(),
    };

    public static MemberDeceased Deceased(Member m, MemberStatus previous, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = m.DistrictId, CorrelationId = correlationId,
        MemberId = m.Id, UnionId = m.UnionId, DiedOn = m.EndedOn!.Value, PreviousStatus = previous.ToString(),
    };

    public static OrganisationApproved Approved(Organisation o, IReadOnlyList<Guid> enterprises, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = o.DistrictId, CorrelationId = correlationId,
        OrganisationId = o.Id, ParentId = o.ParentId, Kind = o.Kind.ToString(), Name = o.Name, CoveredEnterpriseIds = enterprises,
    };

    public static OrganisationDissolved Dissolved(Organisation o, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = o.DistrictId, CorrelationId = correlationId,
        OrganisationId = o.Id, Outcome = o.State.ToString(), MergedIntoId = o.MergedIntoId,
    };
}
