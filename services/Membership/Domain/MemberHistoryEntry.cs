namespace UnionPlatform.Membership.Domain;

public enum MemberChange
{
    Applied, Joined, TransferredOut, TransferredIn, Retained, DuesPaid, EducationRecorded, Withdrawn, Expelled, Deceased,
}

/// <summary>One line of a member's history; append-only. A transfer writes two: out of the old union, into the new.</summary>
public sealed record MemberHistoryEntry(Guid Id, Guid MemberId, DateTimeOffset OccurredAt, MemberChange Change,
    Guid UnionId, string DistrictId, string? Reason)
{
    /// <summary>Assigned by the database; orders lines written in the same instant (a transfer's two).</summary>
    public long Sequence { get; private init; }
}
