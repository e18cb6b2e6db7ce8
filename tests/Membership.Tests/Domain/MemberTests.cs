using UnionPlatform.Membership.Domain;
using UnionPlatform.Kernel;

namespace UnionPlatform.Membership.Tests.Domain;

public class MemberTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Joined = new(2026, 1, 10);

    private static (Member Member, Organisation Union, Organisation District) ActiveMember()
    {
        var district = OrganisationTests.Approved(OrganisationKind.District, OrganisationTests.City());
        var union = OrganisationTests.Approved(OrganisationKind.Grassroots, district);
        var member = Member.Apply(Guid.NewGuid(), "11010519491231002X", "张伟", "13800138000", union, null, Joined, Now);
        member.Approve(Joined, Now);
        return (member, union, district);
    }

    [Fact]
    public void Approval_makes_an_applicant_active()
    {
        var (member, _, _) = ActiveMember();
        Assert.Equal(MemberStatus.Active, member.Status);
        Assert.Equal([MemberChange.Applied, MemberChange.Joined], member.History.Select(h => h.Change));
    }

    [Fact]
    public void Transfer_closes_the_old_membership_and_opens_the_new_one()
    {
        var (member, union, district) = ActiveMember();
        var target = OrganisationTests.Approved(OrganisationKind.Grassroots, district);
        member.TransferTo(target, null, Now);
        Assert.Equal(target.Id, member.UnionId);
        Assert.Equal(MemberStatus.Active, member.Status);
        var lastTwo = member.History.TakeLast(2).ToList();
        Assert.Equal((MemberChange.TransferredOut, union.Id), (lastTwo[0].Change, lastTwo[0].UnionId));
        Assert.Equal((MemberChange.TransferredIn, target.Id), (lastTwo[1].Change, lastTwo[1].UnionId));
    }

    [Fact]
    public void A_transfer_to_the_same_union_is_refused()
    {
        var (member, union, _) = ActiveMember();
        Assert.Throws<DomainException>(() => member.TransferTo(union, null, Now));
    }

    [Fact]
    public void Withdrawal_for_non_payment_needs_six_months_and_the_education_step()
    {
        var (member, _, _) = ActiveMember();
        var fiveMonths = Joined.AddMonths(5);
        Assert.Throws<DomainException>(() => member.RecordEducation(fiveMonths, Now));
        var sixMonths = Joined.AddMonths(6);
        var error = Assert.Throws<DomainException>(() => member.Withdraw(WithdrawalReason.NoDues, sixMonths, Now));
        Assert.Contains("education", error.Message);
        member.RecordEducation(sixMonths, Now);
        member.Withdraw(WithdrawalReason.NoDues, sixMonths, Now);
        Assert.Equal(MemberStatus.Withdrawn, member.Status);
    }

    [Fact]
    public void Paying_dues_clears_the_arrears_and_the_education_record()
    {
        var (member, _, _) = ActiveMember();
        var later = Joined.AddMonths(7);
        member.RecordEducation(later, Now);
        member.RecordDues(later, Now);
        Assert.Equal(0, member.MonthsInArrears(later));
        Assert.Null(member.EducationRecordedOn);
    }

    [Fact]
    public void A_retained_member_keeps_membership_but_cannot_be_retained_twice()
    {
        var (member, _, _) = ActiveMember();
        member.Retain(RetentionReason.Retired, Now);
        Assert.True(member.HoldsMembership);
        var error = Assert.Throws<DomainException>(() => member.Retain(RetentionReason.Retired, Now));
        Assert.Equal("Retained", error.CurrentState);
    }

    [Fact]
    public void A_withdrawn_member_may_reapply_but_a_deceased_one_may_not()
    {
        var (member, union, _) = ActiveMember();
        member.Withdraw(WithdrawalReason.Voluntary, Joined, Now);
        member.Reapply("张伟", "13800138000", union, null, Joined.AddYears(1), Now);
        Assert.Equal(MemberStatus.Applied, member.Status);
        member.RecordDeath(Joined.AddYears(1), Now);
        Assert.Throws<DomainException>(() => member.Reapply("张伟", "13800138000", union, null, Joined.AddYears(2), Now));
    }

    [Fact]
    public void An_applicant_cannot_be_expelled_or_transferred()
    {
        var district = OrganisationTests.Approved(OrganisationKind.District, OrganisationTests.City());
        var union = OrganisationTests.Approved(OrganisationKind.Grassroots, district);
        var applicant = Member.Apply(Guid.NewGuid(), "11010519491231002X", "张伟", "13800138000", union, null, Joined, Now);
        Assert.Throws<DomainException>(() => applicant.Expel(Joined, Now));
        Assert.Throws<DomainException>(() => applicant.TransferTo(OrganisationTests.Approved(OrganisationKind.Grassroots, district), null, Now));
    }

    [Fact]
    public void A_union_that_is_not_approved_admits_no_one()
    {
        var district = OrganisationTests.Approved(OrganisationKind.District, OrganisationTests.City());
        var preparing = Organisation.Propose(Guid.NewGuid(), "工会", OrganisationKind.Grassroots, district, "gulou", 3, Now);
        Assert.Throws<DomainException>(() => Member.Apply(Guid.NewGuid(), "11010519491231002X", "张伟", "13800138000", preparing, null, Joined, Now));
    }
}
