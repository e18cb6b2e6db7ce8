using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Messaging;

namespace UnionPlatform.Membership.Messaging;

/// <summary>
/// Keeps the coverage read model current from the service's own member events, a batch per transaction.
/// "Members" counts active members: retained ones have left the workforce the rate is measured against.
/// </summary>
public abstract class CoverageProjection<TEvent>(MembershipDbContext db, TimeProvider time)
    : IdempotentBatchConsumer<TEvent, MembershipDbContext>(db, time) where TEvent : class
{
    protected abstract IEnumerable<CoverageChange> Changes(TEvent e);

    protected override Task Handle(IReadOnlyList<TEvent> messages, CancellationToken ct) =>
        CoverageWriter.ApplyAsync(Db, messages.SelectMany(Changes), ct);

    protected static bool WasActive(string status) => status == nameof(MemberStatus.Active);
}

public sealed class MemberJoinedCoverage(MembershipDbContext db, TimeProvider time) : CoverageProjection<MemberJoined>(db, time)
{
    protected override IEnumerable<CoverageChange> Changes(MemberJoined e) =>
        [new(e.DistrictId, CoverageDelta.MonthOf(e.JoinedOn), Members: 1)];
}

public sealed class MemberTransferredCoverage(MembershipDbContext db, TimeProvider time) : CoverageProjection<MemberTransferred>(db, time)
{
    protected override IEnumerable<CoverageChange> Changes(MemberTransferred e) => !WasActive(e.MemberStatus) ? [] :
        [new(e.FromDistrictId, CoverageDelta.MonthOf(e.OccurredAt), Members: -1), new(e.DistrictId, CoverageDelta.MonthOf(e.OccurredAt), Members: 1)];
}

public sealed class MemberRetainedCoverage(MembershipDbContext db, TimeProvider time) : CoverageProjection<MemberRetained>(db, time)
{
    protected override IEnumerable<CoverageChange> Changes(MemberRetained e) =>
        [new(e.DistrictId, CoverageDelta.MonthOf(e.OccurredAt), Members: -1)];
}

public sealed class MemberWithdrawnCoverage(MembershipDbContext db, TimeProvider time) : CoverageProjection<MemberWithdrawn>(db, time)
{
    protected override IEnumerable<CoverageChange> Changes(MemberWithdrawn e) => !WasActive(e.PreviousStatus) ? [] :
        [new(e.DistrictId, CoverageDelta.MonthOf(e.OccurredAt), Members: -1)];
}

public sealed class MemberDeceasedCoverage(MembershipDbContext db, TimeProvider time) : CoverageProjection<MemberDeceased>(db, time)
{
    protected override IEnumerable<CoverageChange> Changes(MemberDeceased e) => !WasActive(e.PreviousStatus) ? [] :
        [new(e.DistrictId, CoverageDelta.MonthOf(e.OccurredAt), Members: -1)];
}
