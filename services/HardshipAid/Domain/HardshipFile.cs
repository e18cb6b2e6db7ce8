using UnionPlatform.Kernel;

namespace UnionPlatform.HardshipAid.Domain;

public enum FileState { Draft, Submitted, Surveyed, IncomeChecked, PublicNotice, Filed, AnnualReview, Exited, Cancelled, Rejected }

/// <summary>Why a filed file stopped being active (the values HardshipFileExited carries).</summary>
public enum ExitReason { OutOfHardship, NotRenewed, MembershipEnded, Cancelled }

/// <summary>A category that changed, and why (AnnualReview, ThresholdChanged, IncomeRechecked).</summary>
public sealed record CategoryChange(HardshipCategory From, HardshipCategory To, string Trigger);

/// <summary>What a re-assessment of income decided: a category change, an exit from hardship, or neither.</summary>
public sealed record Reassessment(CategoryChange? Change, bool Exited);

/// <summary>
/// A member's household hardship file (困难职工档案), DOMAIN.md §2: Draft → Submitted → Surveyed (home visit within
/// 5 days) → IncomeChecked (signed consent) → PublicNotice → Filed → AnnualReview (yearly) → Exited / Cancelled;
/// Rejected with a reason. Each transition is a method; an illegal one throws naming the current state.
/// </summary>
public sealed class HardshipFile
{
    public const int SurveyDays = 5;
    public const int MaxReasonLength = 500;

    public const string TriggerAnnualReview = "AnnualReview";
    public const string TriggerThresholdChanged = "ThresholdChanged";
    public const string TriggerIncomeRechecked = "IncomeRechecked";

    public Guid Id { get; private set; }
    public Guid MemberId { get; private set; }
    public string DistrictId { get; private set; } = "";
    public Guid UnionId { get; private set; }
    public FileState State { get; private set; }

    public int HouseholdSize { get; private set; }
    public decimal AnnualIncome { get; private set; }
    public decimal EssentialCosts { get; private set; }
    public List<HardshipCause> Causes { get; private set; } = [];

    public HardshipCategory? Category { get; private set; }
    /// <summary>The 低保 the category was last computed against.</summary>
    public decimal? AllowanceApplied { get; private set; }

    public DateOnly CreatedOn { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }
    public DateOnly? SurveyDueOn { get; private set; }
    public DateOnly? SurveyedOn { get; private set; }
    public DateOnly? ConsentSignedOn { get; private set; }
    public DateOnly? IncomeCheckedOn { get; private set; }
    public DateOnly? NoticeStartedOn { get; private set; }
    public DateOnly? FiledOn { get; private set; }
    public DateOnly? ReviewDueOn { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public ExitReason? ExitReason { get; private set; }
    /// <summary>Why the file was rejected, cancelled or closed; free text for the staff, never published.</summary>
    public string? ClosingReason { get; private set; }
    /// <summary>Set when something suggests the income changed (wages recovered in a legal-aid case).</summary>
    public bool NeedsReassessment { get; private set; }
    /// <summary>The household's signed consent form, uploaded to the file: without it the file is never filed.</summary>
    public Guid? ConsentDocumentId { get; private set; }
    public uint Version { get; private set; }

    private HardshipFile() { }

    public HouseholdIncome Income => new(HouseholdSize, AnnualIncome, EssentialCosts);

    public bool IsOpen => State is not (FileState.Exited or FileState.Cancelled or FileState.Rejected);

    /// <summary>Filed and not yet exited: aid may be granted against it.</summary>
    public bool IsActive => State is FileState.Filed or FileState.AnnualReview;

    public bool SurveyOverdue(DateOnly today) => State == FileState.Submitted && today > SurveyDueOn;

    public bool ReviewOverdue(DateOnly today) => IsActive && today > ReviewDueOn;

    /// <summary>A draft for an active member's household, with the figures the worker declares.</summary>
    public static HardshipFile Open(Guid id, EligibleMember member, HouseholdIncome declared, IEnumerable<HardshipCause> causes, DateOnly today)
    {
        if (!member.MayOpenFile) throw new DomainException("Only an active member can open a hardship file.", member.Status.ToString());
        var file = new HardshipFile
        {
            Id = id, MemberId = member.MemberId, DistrictId = member.DistrictId, UnionId = member.UnionId,
            State = FileState.Draft, CreatedOn = today, Causes = causes.Distinct().Order().ToList(),
        };
        file.SetIncome(declared);
        return file;
    }

    /// <summary>Corrects the declared figures while the file is still a draft.</summary>
    public void UpdateDraft(HouseholdIncome declared, IEnumerable<HardshipCause> causes)
    {
        Require("edited", FileState.Draft);
        SetIncome(declared);
        Causes = causes.Distinct().Order().ToList();
    }

    public void Submit(DateOnly today)
    {
        Require("submitted", FileState.Draft);
        (State, SubmittedOn, SurveyDueOn) = (FileState.Submitted, today, today.AddDays(SurveyDays));
    }

    /// <summary>The home visit; it cannot predate the submission or lie in the future.</summary>
    public void RecordSurvey(DateOnly visitedOn, DateOnly today)
    {
        Require("surveyed", FileState.Submitted);
        if (visitedOn < SubmittedOn || visitedOn > today)
            throw new DomainException("The home visit is between the submission and today.", State.ToString());
        (State, SurveyedOn) = (FileState.Surveyed, visitedOn);
    }

    /// <summary>
    /// The verified income, checked with the household's signed consent, categorised against the district's 低保.
    /// A household above every line is rejected (IncomeAboveLine): there is no hardship to file.
    /// </summary>
    public void RecordIncomeCheck(DateOnly? consentSignedOn, HouseholdIncome verified, decimal allowance, DateOnly today)
    {
        Require("income-checked", FileState.Surveyed);
        RequireConsent(consentSignedOn, today);
        SetIncome(verified);
        (ConsentSignedOn, IncomeCheckedOn, AllowanceApplied) = (consentSignedOn, today, allowance);
        Category = Categorisation.Categorise(verified, Causes, allowance);
        if (Category is null) Close(FileState.Rejected, null, "IncomeAboveLine", today);
        else State = FileState.IncomeChecked;
    }

    public void StartPublicNotice(DateOnly today)
    {
        Require("put on public notice", FileState.IncomeChecked);
        (State, NoticeStartedOn) = (FileState.PublicNotice, today);
    }

    /// <summary>The notice raised no valid objection: the household is on the register for a year.</summary>
    public void File(DateOnly today)
    {
        Require("filed", FileState.PublicNotice);
        if (ConsentDocumentId is null)
            throw new DomainException("The household's signed consent form must be uploaded to the file before it is filed.", State.ToString());
        (State, FiledOn, ReviewDueOn) = (FileState.Filed, today, today.AddYears(1));
    }

    public void StartAnnualReview()
    {
        Require("reviewed", FileState.Filed);
        State = FileState.AnnualReview;
    }

    /// <summary>The yearly review: income checked again with consent; the file renews for a year, changes category, or exits.</summary>
    public Reassessment CompleteAnnualReview(DateOnly? consentSignedOn, HouseholdIncome verified, decimal allowance, DateOnly today)
    {
        Require("renewed", FileState.AnnualReview);
        RequireConsent(consentSignedOn, today);
        var outcome = Reassess(verified, allowance, TriggerAnnualReview, today);
        ConsentSignedOn = consentSignedOn;
        if (!outcome.Exited) (State, ReviewDueOn) = (FileState.Filed, today.AddYears(1));
        return outcome;
    }

    /// <summary>A re-check between reviews (e.g. wages were recovered): new category, or exit when above the line.</summary>
    public Reassessment RecheckIncome(DateOnly? consentSignedOn, HouseholdIncome verified, decimal allowance, DateOnly today)
    {
        Require("re-checked", FileState.Filed, FileState.AnnualReview);
        RequireConsent(consentSignedOn, today);
        ConsentSignedOn = consentSignedOn;
        return Reassess(verified, allowance, TriggerIncomeRechecked, today);
    }

    /// <summary>A new 低保 applies to the checked income; the category may move. A household it would lift above the line keeps its category until re-checked.</summary>
    public CategoryChange? Reevaluate(decimal allowance)
    {
        if (!IsActive || Category is not { } from) return null;
        AllowanceApplied = allowance;
        if (Categorisation.Categorise(Income, Causes, allowance) is not { } to || to == from) return null;
        Category = to;
        return new CategoryChange(from, to, TriggerThresholdChanged);
    }

    /// <summary>Documents are kept while the file is open; a closed file is a record and takes no more.</summary>
    public void EnsureMayTakeDocument(string kind)
    {
        if (!HardshipDocuments.Kinds.Contains(kind)) throw new DomainException($"A hardship file keeps no {kind} document.", State.ToString());
        if (!IsOpen) throw new DomainException($"A hardship file in state {State} takes no more documents.", State.ToString());
    }

    /// <summary>A document arrived; the latest signed consent form is the one the file relies on.</summary>
    public void AttachDocument(string kind, Guid documentId)
    {
        EnsureMayTakeDocument(kind);
        if (kind == HardshipDocuments.Consent) ConsentDocumentId = documentId;
    }

    public void FlagForReassessment()
    {
        if (IsActive) NeedsReassessment = true;
    }

    public void Reject(string reason, DateOnly today)
    {
        Require("rejected", FileState.Submitted, FileState.Surveyed, FileState.IncomeChecked, FileState.PublicNotice);
        Close(FileState.Rejected, null, RequireReason(reason), today);
    }

    /// <summary>Out of hardship (脱困) or not renewed in time: the worker may apply again later.</summary>
    public void Exit(ExitReason reason, string? note, DateOnly today)
    {
        Require("exited", FileState.Filed, FileState.AnnualReview);
        if (reason is Domain.ExitReason.Cancelled or Domain.ExitReason.MembershipEnded)
            throw new DomainException($"{reason} is recorded by cancelling the file or by Membership, not as an exit.", State.ToString());
        Close(FileState.Exited, reason, note?.Trim() is { Length: > 0 } n ? n : reason.ToString(), today);
    }

    /// <summary>Withdrawn by the worker or opened in error. Returns true when the file had been filed (its exit is published).</summary>
    public bool Cancel(string reason, DateOnly today)
    {
        if (!IsOpen) throw Illegal("cancelled");
        var wasActive = IsActive;
        Close(FileState.Cancelled, wasActive ? Domain.ExitReason.Cancelled : null, RequireReason(reason), today);
        return wasActive;
    }

    /// <summary>
    /// The member withdrew, was expelled or died: a filed file exits (MembershipEnded), one still in progress is
    /// cancelled, both with the reason. Returns true when the file had been filed. Closed files are left alone.
    /// </summary>
    public bool CloseForEndedMembership(string reason, DateOnly today)
    {
        if (!IsOpen) return false;
        var wasActive = IsActive;
        Close(wasActive ? FileState.Exited : FileState.Cancelled, wasActive ? Domain.ExitReason.MembershipEnded : null,
            $"MembershipEnded: {reason}", today);
        return wasActive;
    }

    /// <summary>The member transferred: the open file follows them to the new district and union.</summary>
    public void MoveTo(string districtId, Guid unionId)
    {
        if (IsOpen) (DistrictId, UnionId) = (districtId, unionId);
    }

    /// <summary>Aid may only be granted against a filed, active file.</summary>
    public void EnsureMayGrantAid()
    {
        if (!IsActive) throw new DomainException("Aid is granted against a filed hardship file only.", State.ToString());
    }

    private Reassessment Reassess(HouseholdIncome verified, decimal allowance, string trigger, DateOnly today)
    {
        SetIncome(verified);
        (IncomeCheckedOn, AllowanceApplied, NeedsReassessment) = (today, allowance, false);
        var from = Category!.Value;
        if (Categorisation.Categorise(verified, Causes, allowance) is not { } to)
        {
            Close(FileState.Exited, Domain.ExitReason.OutOfHardship, "IncomeAboveLine", today);
            return new Reassessment(null, Exited: true);
        }
        Category = to;
        return new Reassessment(to == from ? null : new CategoryChange(from, to, trigger), Exited: false);
    }

    private void SetIncome(HouseholdIncome income)
    {
        if (HouseholdIncome.Problem(income.HouseholdSize, income.AnnualIncome, income.EssentialCosts) is { } problem)
            throw new DomainException(problem, State.ToString());
        (HouseholdSize, AnnualIncome, EssentialCosts) = (income.HouseholdSize, income.AnnualIncome, income.EssentialCosts);
    }

    private void RequireConsent(DateOnly? consentSignedOn, DateOnly today)
    {
        if (consentSignedOn is null) throw new DomainException("The household's signed consent to the income check is required.", State.ToString());
        if (consentSignedOn > today) throw new DomainException("The consent cannot be signed in the future.", State.ToString());
    }

    private string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new DomainException("A reason is required.", State.ToString()) : reason.Trim();

    private void Close(FileState state, ExitReason? exitReason, string reason, DateOnly today) =>
        (State, ExitReason, ClosingReason, ClosedOn) = (state, exitReason, reason, today);

    private void Require(string verb, params FileState[] allowed)
    {
        if (!allowed.Contains(State)) throw Illegal(verb);
    }

    private DomainException Illegal(string verb) => new($"A hardship file in state {State} cannot be {verb}.", State.ToString());
}
