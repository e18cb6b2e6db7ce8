namespace UnionPlatform.HardshipAid.Domain;

public enum MembershipStatus { Active, Retained, Withdrawn, Deceased }

/// <summary>
/// HardshipAid's own view of a member, fed by Membership's events: whether they may hold a file, and where.
/// Events may arrive out of order; one older than the last applied is ignored, so a late MemberJoined cannot
/// revive a member whose withdrawal was already seen.
/// </summary>
public sealed class EligibleMember
{
    public Guid MemberId { get; private set; }
    public MembershipStatus Status { get; private set; }
    public string DistrictId { get; private set; } = "";
    public Guid UnionId { get; private set; }
    public DateTimeOffset LastEventAt { get; private set; }
    public uint Version { get; private set; }

    private EligibleMember() { }

    /// <summary>Only an active member may open a hardship file.</summary>
    public bool MayOpenFile => Status == MembershipStatus.Active;

    /// <summary>Whether the member's open files may stay open (retired and laid-off members keep theirs).</summary>
    public bool HoldsMembership => Status is MembershipStatus.Active or MembershipStatus.Retained;

    public static EligibleMember Unknown(Guid memberId) => new() { MemberId = memberId, LastEventAt = DateTimeOffset.MinValue };

    /// <summary>Applies what an event says about the member; false (and no change) when it is older than what is known.</summary>
    public bool Apply(DateTimeOffset occurredAt, MembershipStatus status, string districtId, Guid unionId)
    {
        if (occurredAt < LastEventAt) return false;
        (Status, DistrictId, UnionId, LastEventAt) = (status, districtId, unionId, occurredAt);
        return true;
    }
}
