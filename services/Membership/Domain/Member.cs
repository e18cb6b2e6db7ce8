using UnionPlatform.Kernel;

namespace UnionPlatform.Membership.Domain;

public enum MemberStatus { Applied, Active, Retained, Withdrawn, Expelled, Deceased }

public enum RetentionReason { Retired, LaidOff }

public enum WithdrawalReason { Voluntary, NoDues }

/// <summary>
/// A real-name member: one record per national ID, so one person can never hold two memberships (the database's
/// unique index enforces it, also under concurrent requests). A transfer moves the record to another union and
/// the history keeps the closed membership.
/// </summary>
public sealed class Member
{
    /// <summary>Members who have not paid dues for this long may be withdrawn, after an education talk.</summary>
    public const int MonthsWithoutDuesBeforeWithdrawal = 6;

    private readonly List<MemberHistoryEntry> _history = [];

    public Guid Id { get; private set; }
    public string NationalId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string DistrictId { get; private set; } = "";
    public Guid UnionId { get; private set; }
    public Guid? EnterpriseId { get; private set; }
    public MemberStatus Status { get; private set; }
    public DateOnly AppliedOn { get; private set; }
    public DateOnly? JoinedOn { get; private set; }
    public DateOnly? DuesPaidThrough { get; private set; }
    public DateOnly? EducationRecordedOn { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public uint Version { get; private set; }

    /// <summary>
    /// The lines this instance knows: all of them when loaded for reading, only the new ones after a plain load
    /// (a change appends lines; it never needs the old ones, so writes do not read the whole history).
    /// </summary>
    public IReadOnlyList<MemberHistoryEntry> History => _history;

    private Member() { }

    /// <summary>Holds a place in the union: Applied, Active or Retained.</summary>
    public bool HoldsMembership => Status is MemberStatus.Applied or MemberStatus.Active or MemberStatus.Retained;

    public static Member Apply(Guid id, string nationalId, string name, string phone, Organisation union,
        Guid? enterpriseId, DateOnly today, DateTimeOffset now)
    {
        if (!union.AdmitsMembers) throw new DomainException("This union does not admit members.", union.State.ToString());
        var member = new Member
        {
            Id = id, NationalId = nationalId, Name = name, Phone = phone, DistrictId = union.DistrictId,
            UnionId = union.Id, EnterpriseId = enterpriseId, Status = MemberStatus.Applied, AppliedOn = today,
        };
        member.Record(MemberChange.Applied, now);
        return member;
    }

    /// <summary>A worker on an enterprise's roster who is already a member: active at once (bulk import, seeds).</summary>
    public static Member Enrol(Guid id, string nationalId, string name, string phone, Organisation union,
        Guid? enterpriseId, DateOnly joinedOn, DateTimeOffset now)
    {
        var member = Apply(id, nationalId, name, phone, union, enterpriseId, joinedOn, now);
        member.Approve(joinedOn, now);
        return member;
    }

    /// <summary>A former member (withdrawn or expelled) applies again; the same record keeps the whole history.</summary>
    public void Reapply(string name, string phone, Organisation union, Guid? enterpriseId, DateOnly today, DateTimeOffset now)
    {
        if (Status is not (MemberStatus.Withdrawn or MemberStatus.Expelled))
            throw new DomainException(Status == MemberStatus.Deceased
                ? "This person is recorded as deceased."
                : "This person already holds a membership.", Status.ToString());
        if (!union.AdmitsMembers) throw new DomainException("This union does not admit members.", union.State.ToString());
        (Name, Phone, UnionId, DistrictId, EnterpriseId) = (name, phone, union.Id, union.DistrictId, enterpriseId);
        (Status, AppliedOn, JoinedOn, EndedOn, EducationRecordedOn, DuesPaidThrough) = (MemberStatus.Applied, today, null, null, null, null);
        Record(MemberChange.Applied, now);
    }

    public void Approve(DateOnly today, DateTimeOffset now)
    {
        Require(MemberStatus.Applied, "approved");
        Status = MemberStatus.Active;
        JoinedOn = today;
        DuesPaidThrough = today;
        Record(MemberChange.Joined, now);
    }

    /// <summary>Closes the membership here and opens it at <paramref name="target"/> in one step.</summary>
    public void TransferTo(Organisation target, Guid? enterpriseId, DateTimeOffset now)
    {
        if (Status is not (MemberStatus.Active or MemberStatus.Retained))
            throw new DomainException("Only an active or retained member can transfer.", Status.ToString());
        if (target.Id == UnionId) throw new DomainException("The member already belongs to this union.", Status.ToString());
        if (!target.AdmitsMembers) throw new DomainException("The receiving union does not admit members.", target.State.ToString());
        Record(MemberChange.TransferredOut, now);
        (UnionId, DistrictId, EnterpriseId) = (target.Id, target.DistrictId, enterpriseId);
        Record(MemberChange.TransferredIn, now);
    }

    /// <summary>Retired or laid off: keeps membership without dues or vote.</summary>
    public void Retain(RetentionReason reason, DateTimeOffset now)
    {
        Require(MemberStatus.Active, "retained");
        Status = MemberStatus.Retained;
        Record(MemberChange.Retained, now, reason.ToString());
    }

    public void RecordDues(DateOnly paidThrough, DateTimeOffset now)
    {
        Require(MemberStatus.Active, "credited with dues");
        if (paidThrough <= DuesPaidThrough) throw new DomainException("Dues are already paid through that date.", Status.ToString());
        DuesPaidThrough = paidThrough;
        EducationRecordedOn = null; // arrears are cleared, so is the talk about them
        Record(MemberChange.DuesPaid, now);
    }

    /// <summary>Months of dues in arrears on <paramref name="today"/>.</summary>
    public int MonthsInArrears(DateOnly today)
    {
        if (Status != MemberStatus.Active || DuesPaidThrough is not { } paid || paid >= today) return 0;
        var months = (today.Year - paid.Year) * 12 + today.Month - paid.Month;
        return today.Day < paid.Day ? months - 1 : months;
    }

    /// <summary>The union talked with a member in arrears; required before withdrawing them for non-payment.</summary>
    public void RecordEducation(DateOnly today, DateTimeOffset now)
    {
        Require(MemberStatus.Active, "given the education step");
        if (MonthsInArrears(today) < MonthsWithoutDuesBeforeWithdrawal)
            throw new DomainException($"Education is for members {MonthsWithoutDuesBeforeWithdrawal} months or more in arrears.", Status.ToString());
        EducationRecordedOn = today;
        Record(MemberChange.EducationRecorded, now);
    }

    public void Withdraw(WithdrawalReason reason, DateOnly today, DateTimeOffset now)
    {
        if (Status is not (MemberStatus.Active or MemberStatus.Retained))
            throw new DomainException("Only an active or retained member can withdraw.", Status.ToString());
        if (reason == WithdrawalReason.NoDues)
        {
            if (MonthsInArrears(today) < MonthsWithoutDuesBeforeWithdrawal)
                throw new DomainException($"Withdrawal for non-payment needs {MonthsWithoutDuesBeforeWithdrawal} months without dues.", Status.ToString());
            if (EducationRecordedOn is null)
                throw new DomainException("Withdrawal for non-payment needs the education step first.", Status.ToString());
        }
        End(MemberStatus.Withdrawn, MemberChange.Withdrawn, today, now, reason.ToString());
    }

    public void Expel(DateOnly today, DateTimeOffset now)
    {
        if (Status is not (MemberStatus.Active or MemberStatus.Retained))
            throw new DomainException("Only an active or retained member can be expelled.", Status.ToString());
        End(MemberStatus.Expelled, MemberChange.Expelled, today, now, null);
    }

    public void RecordDeath(DateOnly diedOn, DateTimeOffset now)
    {
        if (!HoldsMembership) throw new DomainException("The membership is already closed.", Status.ToString());
        End(MemberStatus.Deceased, MemberChange.Deceased, diedOn, now, null);
    }

    private void End(MemberStatus status, MemberChange change, DateOnly on, DateTimeOffset now, string? reason)
    {
        Status = status;
        EndedOn = on;
        Record(change, now, reason);
    }

    // Ids grow in the order lines are written (a transfer writes two in the same instant): EF inserts a table's
    // rows in key order, so the database's Sequence follows the order of the rules, not chance.
    private void Record(MemberChange change, DateTimeOffset now, string? reason = null) =>
        _history.Add(new MemberHistoryEntry(Guid.CreateVersion7(now.AddMilliseconds(_history.Count)), Id, now, change, UnionId, DistrictId, reason));

    private void Require(MemberStatus expected, string verb)
    {
        if (Status != expected) throw new DomainException($"Only a member in state {expected} can be {verb}.", Status.ToString());
    }
}
