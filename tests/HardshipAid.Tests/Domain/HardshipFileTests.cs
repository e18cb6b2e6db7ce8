using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Kernel;

namespace UnionPlatform.HardshipAid.Tests.Domain;

public class HardshipFileTests
{
    private static readonly DateOnly Today = Files.Today;

    [Fact]
    public void The_lifecycle_runs_from_draft_to_filed_with_its_dates()
    {
        var file = Files.Draft();
        Assert.Equal(FileState.Draft, file.State);
        file.Submit(Today);
        Assert.Equal((FileState.Submitted, Today, Today.AddDays(5)), (file.State, file.SubmittedOn, file.SurveyDueOn));
        file.RecordSurvey(Today.AddDays(2), Today.AddDays(2));
        Assert.Equal((FileState.Surveyed, Today.AddDays(2)), (file.State, file.SurveyedOn));
        file.RecordIncomeCheck(Today.AddDays(3), Files.DeepIncome, Files.Allowance, Today.AddDays(3));
        Assert.Equal((FileState.IncomeChecked, HardshipCategory.Deep, 1_000m), (file.State, file.Category, file.AllowanceApplied));
        file.StartPublicNotice(Today.AddDays(4));
        Assert.Equal(FileState.PublicNotice, file.State);
        var consent = Guid.NewGuid();
        file.AttachDocument(HardshipDocuments.Consent, consent);
        file.File(Today.AddDays(11));
        Assert.Equal(consent, file.ConsentDocumentId);
        Assert.Equal((FileState.Filed, Today.AddDays(11), Today.AddDays(11).AddYears(1)), (file.State, file.FiledOn, file.ReviewDueOn));
        Assert.True(file.IsActive);
    }

    [Fact]
    public void A_file_is_never_filed_without_its_signed_consent_form()
    {
        var file = Files.Draft();
        file.Submit(Today);
        file.RecordSurvey(Today, Today);
        file.RecordIncomeCheck(Today, Files.DeepIncome, Files.Allowance, Today);
        file.AttachDocument(HardshipDocuments.IncomeProof, Guid.NewGuid()); // a proof of income is not the consent form
        file.StartPublicNotice(Today);
        var error = Assert.Throws<DomainException>(() => file.File(Today));
        Assert.Equal(("PublicNotice", FileState.PublicNotice), (error.CurrentState, file.State));
        Assert.Contains("consent form", error.Message);

        file.AttachDocument(HardshipDocuments.Consent, Guid.NewGuid());
        file.File(Today);
        Assert.Equal(FileState.Filed, file.State);
    }

    [Fact]
    public void Documents_are_kept_while_the_file_is_open_and_only_of_the_known_kinds()
    {
        Files.In(FileState.Draft).EnsureMayTakeDocument(HardshipDocuments.SurveyPhoto);
        Files.In(FileState.AnnualReview).EnsureMayTakeDocument(HardshipDocuments.Consent);
        Assert.Equal("Exited", Assert.Throws<DomainException>(() => Files.In(FileState.Exited).AttachDocument(HardshipDocuments.Consent, Guid.NewGuid())).CurrentState);
        Assert.Throws<DomainException>(() => Files.Rejected().EnsureMayTakeDocument(HardshipDocuments.IncomeProof));
        Assert.Throws<DomainException>(() => Files.In(FileState.Draft).EnsureMayTakeDocument("Payslip"));
    }

    public static TheoryData<FileState, string> IllegalTransitions => new()
    {
        { FileState.Draft, "survey" }, { FileState.Draft, "income" }, { FileState.Draft, "notice" }, { FileState.Draft, "file" },
        { FileState.Draft, "reject" }, { FileState.Draft, "exit" }, { FileState.Draft, "review" },
        { FileState.Submitted, "submit" }, { FileState.Submitted, "income" }, { FileState.Submitted, "file" }, { FileState.Submitted, "exit" },
        { FileState.Surveyed, "survey" }, { FileState.Surveyed, "notice" }, { FileState.Surveyed, "file" },
        { FileState.IncomeChecked, "income" }, { FileState.IncomeChecked, "file" }, { FileState.IncomeChecked, "submit" },
        { FileState.PublicNotice, "notice" }, { FileState.PublicNotice, "exit" }, { FileState.PublicNotice, "review" },
        { FileState.Filed, "submit" }, { FileState.Filed, "file" }, { FileState.Filed, "reject" }, { FileState.Filed, "renew" },
        { FileState.AnnualReview, "review" }, { FileState.AnnualReview, "reject" }, { FileState.AnnualReview, "edit" },
        { FileState.Exited, "submit" }, { FileState.Exited, "exit" }, { FileState.Exited, "cancel" }, { FileState.Exited, "recheck" },
        { FileState.Cancelled, "submit" }, { FileState.Cancelled, "cancel" }, { FileState.Cancelled, "file" },
    };

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void An_illegal_transition_throws_naming_the_current_state(FileState state, string step)
    {
        var file = Files.In(state);
        var error = Assert.Throws<DomainException>(() => Apply(file, step));
        Assert.Equal(state.ToString(), error.CurrentState);
        Assert.Contains(state.ToString(), error.Message);
        Assert.Equal(state, file.State);
    }

    [Fact]
    public void A_rejected_file_accepts_no_further_step()
    {
        foreach (var step in new[] { "submit", "survey", "income", "notice", "file", "reject", "exit", "cancel", "review" })
        {
            var file = Files.Rejected();
            Assert.Equal("Rejected", Assert.Throws<DomainException>(() => Apply(file, step)).CurrentState);
        }
    }

    private static void Apply(HardshipFile file, string step)
    {
        switch (step)
        {
            case "submit": file.Submit(Today); break;
            case "survey": file.RecordSurvey(Today, Today); break;
            case "income": file.RecordIncomeCheck(Today, Files.DeepIncome, Files.Allowance, Today); break;
            case "notice": file.StartPublicNotice(Today); break;
            case "file": file.File(Today); break;
            case "reject": file.Reject("reason", Today); break;
            case "exit": file.Exit(ExitReason.OutOfHardship, null, Today); break;
            case "cancel": file.Cancel("reason", Today); break;
            case "review": file.StartAnnualReview(); break;
            case "renew": file.CompleteAnnualReview(Today, Files.DeepIncome, Files.Allowance, Today); break;
            case "recheck": file.RecheckIncome(Today, Files.DeepIncome, Files.Allowance, Today); break;
            case "edit": file.UpdateDraft(Files.DeepIncome, [HardshipCause.Illness]); break;
            default: throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    [Fact]
    public void Only_an_active_member_can_open_a_file()
    {
        foreach (var status in new[] { MembershipStatus.Retained, MembershipStatus.Withdrawn, MembershipStatus.Deceased })
        {
            var error = Assert.Throws<DomainException>(() =>
                HardshipFile.Open(Guid.NewGuid(), Files.Member(status), Files.DeepIncome, [HardshipCause.Illness], Today));
            Assert.Equal(status.ToString(), error.CurrentState);
        }
        var file = HardshipFile.Open(Guid.NewGuid(), Files.Member(district: "jiangbei"), Files.DeepIncome, [HardshipCause.Illness, HardshipCause.Illness], Today);
        Assert.Equal("jiangbei", file.DistrictId);
        Assert.Equal([HardshipCause.Illness], file.Causes);
    }

    [Fact]
    public void The_home_visit_falls_between_submission_and_today()
    {
        var file = Files.In(FileState.Submitted);
        Assert.Throws<DomainException>(() => file.RecordSurvey(Today.AddDays(-1), Today));
        Assert.Throws<DomainException>(() => file.RecordSurvey(Today.AddDays(1), Today));
        Assert.Equal(FileState.Submitted, file.State);
    }

    [Fact]
    public void A_survey_is_overdue_after_five_days()
    {
        var file = Files.In(FileState.Submitted);
        Assert.False(file.SurveyOverdue(Today.AddDays(5)));
        Assert.True(file.SurveyOverdue(Today.AddDays(6)));
        file.RecordSurvey(Today, Today.AddDays(6));
        Assert.False(file.SurveyOverdue(Today.AddDays(30)));
    }

    [Fact]
    public void A_filed_file_is_overdue_for_review_after_a_year()
    {
        var file = Files.In(FileState.Filed);
        Assert.False(file.ReviewOverdue(Today.AddYears(1)));
        Assert.True(file.ReviewOverdue(Today.AddYears(1).AddDays(1)));
    }

    [Fact]
    public void The_income_check_needs_signed_consent()
    {
        var file = Files.In(FileState.Surveyed);
        var error = Assert.Throws<DomainException>(() => file.RecordIncomeCheck(null, Files.DeepIncome, Files.Allowance, Today));
        Assert.Equal("Surveyed", error.CurrentState);
        Assert.Throws<DomainException>(() => file.RecordIncomeCheck(Today.AddDays(1), Files.DeepIncome, Files.Allowance, Today));
        Assert.Equal(FileState.Surveyed, file.State);
    }

    [Fact]
    public void A_household_above_the_line_is_rejected_at_the_income_check()
    {
        var file = Files.In(FileState.Surveyed);
        file.RecordIncomeCheck(Today, Files.AboveLine, Files.Allowance, Today);
        Assert.Equal((FileState.Rejected, null, "IncomeAboveLine"), (file.State, file.Category, file.ClosingReason));
    }

    [Fact]
    public void Rejection_needs_a_reason_and_keeps_it()
    {
        var file = Files.In(FileState.PublicNotice);
        Assert.Throws<DomainException>(() => file.Reject("  ", Today));
        file.Reject(" An objection during the notice was upheld ", Today);
        Assert.Equal((FileState.Rejected, "An objection during the notice was upheld", Today), (file.State, file.ClosingReason, file.ClosedOn));
    }

    [Fact]
    public void A_draft_can_be_corrected_and_cancelled()
    {
        var file = Files.Draft();
        file.UpdateDraft(Files.RelativeIncome, [HardshipCause.Unemployment, HardshipCause.Illness]);
        Assert.Equal((54_000m, 2), (file.AnnualIncome, file.Causes.Count));
        Assert.False(file.Cancel("Applied by mistake", Today));
        Assert.Equal(FileState.Cancelled, file.State);
        Assert.Null(file.ExitReason);
    }

    [Fact]
    public void Cancelling_a_filed_file_exits_it_as_cancelled()
    {
        var file = Files.In(FileState.Filed);
        Assert.True(file.Cancel("Filed in error", Today));
        Assert.Equal((FileState.Cancelled, ExitReason.Cancelled), (file.State, file.ExitReason));
    }

    [Fact]
    public void Exit_records_out_of_hardship_or_not_renewed_only()
    {
        var file = Files.In(FileState.Filed);
        Assert.Throws<DomainException>(() => file.Exit(ExitReason.MembershipEnded, null, Today));
        Assert.Throws<DomainException>(() => file.Exit(ExitReason.Cancelled, null, Today));
        file.Exit(ExitReason.NotRenewed, null, Today);
        Assert.Equal((FileState.Exited, ExitReason.NotRenewed, "NotRenewed"), (file.State, file.ExitReason, file.ClosingReason));
    }

    [Fact]
    public void An_exit_from_annual_review_keeps_the_note()
    {
        var file = Files.In(FileState.AnnualReview);
        file.Exit(ExitReason.OutOfHardship, "Found steady work", Today);
        Assert.Equal((FileState.Exited, "Found steady work"), (file.State, file.ClosingReason));
    }

    [Fact]
    public void The_annual_review_renews_for_a_year_and_reports_a_category_change()
    {
        var file = Files.In(FileState.AnnualReview);
        var later = Today.AddMonths(11);
        var outcome = file.CompleteAnnualReview(later, Files.RelativeIncome, Files.Allowance, later);
        Assert.Equal(new CategoryChange(HardshipCategory.Deep, HardshipCategory.Relative, "AnnualReview"), outcome.Change);
        Assert.False(outcome.Exited);
        Assert.Equal((FileState.Filed, later.AddYears(1), HardshipCategory.Relative), (file.State, file.ReviewDueOn, file.Category));
    }

    [Fact]
    public void The_annual_review_without_consent_changes_nothing()
    {
        var file = Files.In(FileState.AnnualReview);
        Assert.Throws<DomainException>(() => file.CompleteAnnualReview(null, Files.RelativeIncome, Files.Allowance, Today));
        Assert.Equal((FileState.AnnualReview, HardshipCategory.Deep, 27_000m), (file.State, file.Category, file.AnnualIncome));
    }

    [Fact]
    public void A_review_above_the_line_exits_the_file_out_of_hardship()
    {
        var file = Files.In(FileState.AnnualReview);
        var outcome = file.CompleteAnnualReview(Today, Files.AboveLine, Files.Allowance, Today);
        Assert.True(outcome.Exited);
        Assert.Equal((FileState.Exited, ExitReason.OutOfHardship), (file.State, file.ExitReason));
    }

    [Fact]
    public void Recovered_wages_flag_a_filed_file_and_the_recheck_clears_it()
    {
        var file = Files.In(FileState.Filed);
        file.FlagForReassessment();
        Assert.True(file.NeedsReassessment);
        var outcome = file.RecheckIncome(Today, Files.AboveLine, Files.Allowance, Today);
        Assert.True(outcome.Exited);
        Assert.False(file.NeedsReassessment);
        Assert.Equal(ExitReason.OutOfHardship, file.ExitReason);

        var draft = Files.Draft();
        draft.FlagForReassessment();
        Assert.False(draft.NeedsReassessment);
    }

    [Fact]
    public void A_new_allowance_can_move_a_filed_household_between_categories()
    {
        var file = Files.In(FileState.Filed, Files.RelativeIncome); // 1,500 per person
        Assert.Equal(HardshipCategory.Relative, file.Category);
        Assert.Null(file.Reevaluate(1_200m));                          // still below 2,400
        Assert.Equal(new CategoryChange(HardshipCategory.Relative, HardshipCategory.Deep, "ThresholdChanged"), file.Reevaluate(1_600m));
        Assert.Equal((HardshipCategory.Deep, 1_600m), (file.Category, file.AllowanceApplied));
        Assert.Null(file.Reevaluate(500m));                            // lifted above the line: kept until re-checked
        Assert.Equal(HardshipCategory.Deep, file.Category);
        Assert.Null(Files.In(FileState.IncomeChecked).Reevaluate(5_000m)); // only filed files move
    }

    [Fact]
    public void An_ended_membership_exits_a_filed_file_and_cancels_one_in_progress()
    {
        var filed = Files.In(FileState.Filed);
        Assert.True(filed.CloseForEndedMembership("Deceased", Today));
        Assert.Equal((FileState.Exited, ExitReason.MembershipEnded, "MembershipEnded: Deceased"), (filed.State, filed.ExitReason, filed.ClosingReason));

        var surveyed = Files.In(FileState.Surveyed);
        Assert.False(surveyed.CloseForEndedMembership("Withdrawn (Voluntary)", Today));
        Assert.Equal((FileState.Cancelled, "MembershipEnded: Withdrawn (Voluntary)"), (surveyed.State, surveyed.ClosingReason));

        var rejected = Files.Rejected();
        Assert.False(rejected.CloseForEndedMembership("Deceased", Today));
        Assert.Equal(FileState.Rejected, rejected.State);
    }

    [Fact]
    public void A_transfer_moves_open_files_only()
    {
        var open = Files.In(FileState.Filed);
        var union = Guid.NewGuid();
        open.MoveTo("jiangbei", union);
        Assert.Equal(("jiangbei", union), (open.DistrictId, open.UnionId));

        var closed = Files.Rejected();
        closed.MoveTo("jiangbei", union);
        Assert.Equal("gulou", closed.DistrictId);
    }

    [Fact]
    public void Aid_is_granted_against_an_active_file_only()
    {
        Files.In(FileState.Filed).EnsureMayGrantAid();
        Files.In(FileState.AnnualReview).EnsureMayGrantAid();
        foreach (var state in new[] { FileState.Draft, FileState.Submitted, FileState.PublicNotice, FileState.Exited, FileState.Cancelled })
            Assert.Equal(state.ToString(), Assert.Throws<DomainException>(() => Files.In(state).EnsureMayGrantAid()).CurrentState);
    }

    [Fact]
    public void Impossible_household_figures_are_refused()
    {
        Assert.Throws<DomainException>(() => Files.Draft(new HouseholdIncome(0, 1_000m, 0m)));
        Assert.Throws<DomainException>(() => Files.Draft(new HouseholdIncome(2, -1m, 0m)));
        Assert.Throws<DomainException>(() => Files.Draft(new HouseholdIncome(2, 1_000m, -1m)));
    }
}
