using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Kernel;

namespace UnionPlatform.HardshipAid.Tests.Domain;

/// <summary>The yearly caps per household of DOMAIN.md §2, with 低保 at 1,000.</summary>
public class AidCapsTests
{
    private const decimal Allowance = Files.Allowance;

    private static AidGrant Grant(HardshipFile file, AidRequest request, decimal already = 0m) =>
        AidGrant.Against(Guid.NewGuid(), file, request, Allowance, already, Files.Today);

    [Fact]
    public void Living_aid_is_at_most_twelve_months_of_the_allowance_for_a_deep_household()
    {
        var file = Files.In(FileState.Filed, Files.DeepIncome);
        Assert.Equal(12_000m, Grant(file, new AidRequest(AidType.Living, 12_000m)).Amount);
        Assert.Equal(2_000m, Grant(file, new AidRequest(AidType.Living, 2_000m), already: 10_000m).Amount);
        var error = Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Living, 2_000.01m), already: 10_000m));
        Assert.Contains("2000.00 remains", error.Message);
    }

    [Fact]
    public void Living_aid_is_at_most_ten_months_for_relative_and_accidental_households()
    {
        var relative = Files.In(FileState.Filed, Files.RelativeIncome);
        Grant(relative, new AidRequest(AidType.Living, 10_000m));
        Assert.Throws<DomainException>(() => Grant(relative, new AidRequest(AidType.Living, 10_000.01m)));

        var accidental = Files.In(FileState.Filed, Files.AboveLine, HardshipCause.Accident);
        Assert.Equal(HardshipCategory.Accidental, accidental.Category);
        Assert.Throws<DomainException>(() => Grant(accidental, new AidRequest(AidType.Living, 10_000.01m)));
    }

    [Fact]
    public void Medical_aid_is_at_most_the_out_of_pocket_cost_and_twenty_thousand_a_year()
    {
        var file = Files.In(FileState.Filed);
        Grant(file, new AidRequest(AidType.Medical, 8_000m, OutOfPocketCost: 8_000m));
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Medical, 8_000.01m, OutOfPocketCost: 8_000m)));
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Medical, 100m)));
        Grant(file, new AidRequest(AidType.Medical, 5_000m, OutOfPocketCost: 30_000m), already: 15_000m);
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Medical, 5_000.01m, OutOfPocketCost: 30_000m), already: 15_000m));
    }

    [Fact]
    public void Study_aid_is_ten_months_for_university_and_six_for_upper_secondary()
    {
        var file = Files.In(FileState.Filed);
        Grant(file, new AidRequest(AidType.Study, 10_000m, StudyLevel: StudyLevel.University));
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Study, 10_000.01m, StudyLevel: StudyLevel.University)));
        Grant(file, new AidRequest(AidType.Study, 6_000m, StudyLevel: StudyLevel.UpperSecondary));
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Study, 1m, StudyLevel: StudyLevel.UpperSecondary), already: 6_000m));
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Study, 100m)));
    }

    [Fact]
    public void Employment_aid_and_temporary_relief_on_a_file_have_no_yearly_cap()
    {
        var file = Files.In(FileState.Filed);
        Assert.Null(AidCaps.YearlyCap(new AidRequest(AidType.Employment, 1m), HardshipCategory.Deep, Allowance, withFile: true));
        Grant(file, new AidRequest(AidType.Employment, 50_000m), already: 50_000m);
        Grant(file, new AidRequest(AidType.TemporaryRelief, 5_000m));
    }

    [Fact]
    public void Temporary_relief_without_a_file_is_at_most_three_thousand_a_year()
    {
        var member = Files.Member();
        var grant = AidGrant.TemporaryRelief(Guid.NewGuid(), member, 3_000m, 0m, Files.Today);
        Assert.Equal((null, "TemporaryRelief", 2026), (grant.FileId, grant.Purpose, grant.AidYear));
        Assert.Throws<DomainException>(() => AidGrant.TemporaryRelief(Guid.NewGuid(), member, 1m, 3_000m, Files.Today));
        Assert.Throws<DomainException>(() => AidGrant.TemporaryRelief(Guid.NewGuid(), Files.Member(MembershipStatus.Withdrawn), 100m, 0m, Files.Today));
    }

    [Fact]
    public void Amounts_are_positive_yuan_in_whole_fen()
    {
        var file = Files.In(FileState.Filed);
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Employment, 0m)));
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Employment, -5m)));
        Assert.Throws<DomainException>(() => Grant(file, new AidRequest(AidType.Employment, 10.001m)));
    }

    [Fact]
    public void No_aid_on_a_file_that_is_not_filed()
    {
        var error = Assert.Throws<DomainException>(() => Grant(Files.In(FileState.PublicNotice), new AidRequest(AidType.Employment, 100m)));
        Assert.Equal("PublicNotice", error.CurrentState);
    }

    [Fact]
    public void A_grant_takes_the_first_answer_from_finance_and_ignores_the_rest()
    {
        var file = Files.In(FileState.Filed);
        var paid = Grant(file, new AidRequest(AidType.Living, 1_000m));
        Assert.Equal((GrantStatus.Pending, "HardshipLiving"), (paid.Status, paid.Purpose));
        var ledger = Guid.NewGuid();
        Assert.True(paid.MarkPaid(Files.Today, ledger));
        Assert.False(paid.MarkPaid(Files.Today.AddDays(1), Guid.NewGuid()));
        Assert.False(paid.MarkRejected("Voided", "late"));
        Assert.Equal((GrantStatus.Paid, Files.Today, ledger), (paid.Status, paid.PaidOn, paid.LedgerEntryId));

        var rejected = Grant(file, new AidRequest(AidType.Living, 1_000m));
        Assert.True(rejected.MarkRejected("NoBudget", "hardship-aid budget line exhausted"));
        Assert.False(rejected.MarkPaid(Files.Today, Guid.NewGuid()));
        Assert.Equal((GrantStatus.Rejected, "NoBudget"), (rejected.Status, rejected.RejectionCode));
    }
}
