using UnionPlatform.HardshipAid.Domain;

namespace UnionPlatform.HardshipAid.Tests.Domain;

/// <summary>Files in each state of the lifecycle, for the unit tests. 低保 is 1,000 yuan.</summary>
internal static class Files
{
    public const decimal Allowance = 1_000m;
    public static readonly DateOnly Today = new(2026, 3, 2);
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Three people, 27,000 a year, 3,000 essential costs: 666.67 per person per month, Deep.</summary>
    public static readonly HouseholdIncome DeepIncome = new(3, 27_000m, 3_000m);
    /// <summary>3 × 12 × 1,500 = 54,000: 1,500 per person per month, Relative.</summary>
    public static readonly HouseholdIncome RelativeIncome = new(3, 54_000m, 0m);
    /// <summary>3,000 per person per month: above twice the allowance.</summary>
    public static readonly HouseholdIncome AboveLine = new(3, 108_000m, 0m);

    public static EligibleMember Member(MembershipStatus status = MembershipStatus.Active, string district = "gulou")
    {
        var member = EligibleMember.Unknown(Guid.NewGuid());
        member.Apply(Now.AddDays(-100), status, district, Guid.NewGuid());
        return member;
    }

    public static HardshipFile Draft(HouseholdIncome? income = null, params HardshipCause[] causes) =>
        HardshipFile.Open(Guid.NewGuid(), Member(), income ?? DeepIncome, causes.Length == 0 ? [HardshipCause.Illness] : causes, Today);

    public static HardshipFile In(FileState state, HouseholdIncome? income = null, params HardshipCause[] causes)
    {
        var file = Draft(income, causes);
        if (state == FileState.Draft) return file;
        file.Submit(Today);
        if (state == FileState.Submitted) return file;
        file.RecordSurvey(Today, Today);
        if (state == FileState.Surveyed) return file;
        file.RecordIncomeCheck(Today, income ?? DeepIncome, Allowance, Today);
        if (state == FileState.IncomeChecked) return file;
        file.AttachDocument(HardshipDocuments.Consent, Guid.NewGuid());
        file.StartPublicNotice(Today);
        if (state == FileState.PublicNotice) return file;
        file.File(Today);
        if (state == FileState.Filed) return file;
        file.StartAnnualReview();
        if (state == FileState.AnnualReview) return file;
        switch (state)
        {
            case FileState.Exited: file.Exit(ExitReason.OutOfHardship, null, Today); break;
            case FileState.Cancelled: file.Cancel("Filed in error", Today); break;
            default: throw new ArgumentOutOfRangeException(nameof(state));
        }
        return file;
    }

    public static HardshipFile Rejected()
    {
        var file = In(FileState.Submitted);
        file.Reject("Not the member's household", Today);
        return file;
    }
}
