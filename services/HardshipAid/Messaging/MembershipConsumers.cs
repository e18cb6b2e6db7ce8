using MassTransit;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Kernel;
using UnionPlatform.Messaging;

namespace UnionPlatform.HardshipAid.Messaging;

/// <summary>
/// Keeps the local eligibility view (member → status, district, union) from Membership's events, and applies
/// what they mean for the member's open files. An event older than the last one applied to the member is ignored.
/// </summary>
public abstract class EligibilityConsumer<TEvent>(HardshipDbContext db, TimeProvider time)
    : IdempotentConsumer<TEvent, HardshipDbContext>(db, time) where TEvent : class
{
    /// <summary>The member's row after applying the event, or null when the event was older than what is known.</summary>
    protected async Task<EligibleMember?> ApplyAsync(Guid memberId, DateTimeOffset occurredAt, MembershipStatus status,
        string districtId, Guid unionId, CancellationToken ct)
    {
        var member = await Db.Members.FirstOrDefaultAsync(m => m.MemberId == memberId, ct);
        if (member is null) Db.Members.Add(member = EligibleMember.Unknown(memberId));
        return member.Apply(occurredAt, status, districtId, unionId) ? member : null;
    }

    protected Task<List<HardshipFile>> OpenFilesAsync(Guid memberId, CancellationToken ct) =>
        Db.Files.Where(f => f.MemberId == memberId
            && f.State != FileState.Exited && f.State != FileState.Cancelled && f.State != FileState.Rejected).ToListAsync(ct);

    /// <summary>The membership ended: open files close with the reason; filed ones publish their exit.</summary>
    protected async Task CloseFilesAsync(Guid memberId, string reason, DateTimeOffset occurredAt, Guid correlationId, CancellationToken ct)
    {
        var today = BusinessCalendar.DateOf(occurredAt);
        foreach (var file in await OpenFilesAsync(memberId, ct))
            if (file.CloseForEndedMembership(reason, today))
                Db.Publish(HardshipEvents.Exited(file, correlationId, Time.GetUtcNow()), file.Id);
    }
}

/// <summary>
/// Joins arrive by the thousand after a roster import, so they are applied in batches, one transaction each.
/// A join changes no file: a new member has none.
/// </summary>
public sealed class MemberJoinedEligibility(HardshipDbContext db, TimeProvider time) : IdempotentBatchConsumer<MemberJoined, HardshipDbContext>(db, time)
{
    protected override async Task Handle(IReadOnlyList<MemberJoined> messages, CancellationToken ct)
    {
        var ids = messages.Select(m => m.MemberId).Distinct().ToList();
        var known = await Db.Members.Where(m => ids.Contains(m.MemberId)).ToDictionaryAsync(m => m.MemberId, ct);
        foreach (var e in messages.OrderBy(m => m.OccurredAt))
        {
            if (!known.TryGetValue(e.MemberId, out var member)) Db.Members.Add(known[e.MemberId] = member = EligibleMember.Unknown(e.MemberId));
            member.Apply(e.OccurredAt, MembershipStatus.Active, e.DistrictId, e.UnionId);
        }
    }
}

public sealed class MemberTransferredEligibility(HardshipDbContext db, TimeProvider time) : EligibilityConsumer<MemberTransferred>(db, time)
{
    protected override async Task Handle(MemberTransferred e, ConsumeContext<MemberTransferred> context, CancellationToken ct)
    {
        var status = e.MemberStatus == nameof(MembershipStatus.Retained) ? MembershipStatus.Retained : MembershipStatus.Active;
        if (await ApplyAsync(e.MemberId, e.OccurredAt, status, e.DistrictId, e.ToUnionId, ct) is null) return;
        foreach (var file in await OpenFilesAsync(e.MemberId, ct)) file.MoveTo(e.DistrictId, e.ToUnionId);
    }
}

public sealed class MemberRetainedEligibility(HardshipDbContext db, TimeProvider time) : EligibilityConsumer<MemberRetained>(db, time)
{
    protected override async Task Handle(MemberRetained e, ConsumeContext<MemberRetained> context, CancellationToken ct) =>
        await ApplyAsync(e.MemberId, e.OccurredAt, MembershipStatus.Retained, e.DistrictId, e.UnionId, ct);
}

public sealed class MemberWithdrawnEligibility(HardshipDbContext db, TimeProvider time) : EligibilityConsumer<MemberWithdrawn>(db, time)
{
    protected override async Task Handle(MemberWithdrawn e, ConsumeContext<MemberWithdrawn> context, CancellationToken ct)
    {
        if (await ApplyAsync(e.MemberId, e.OccurredAt, MembershipStatus.Withdrawn, e.DistrictId, e.UnionId, ct) is null) return;
        await CloseFilesAsync(e.MemberId, $"Withdrawn ({e.Reason})", e.OccurredAt, e.CorrelationId, ct);
    }
}

public sealed class MemberDeceasedEligibility(HardshipDbContext db, TimeProvider time) : EligibilityConsumer<MemberDeceased>(db, time)
{
    protected override async Task Handle(MemberDeceased e, ConsumeContext<MemberDeceased> context, CancellationToken ct)
    {
        if (await ApplyAsync(e.MemberId, e.OccurredAt, MembershipStatus.Deceased, e.DistrictId, e.UnionId, ct) is null) return;
        await CloseFilesAsync(e.MemberId, "Deceased", e.OccurredAt, e.CorrelationId, ct);
    }
}
