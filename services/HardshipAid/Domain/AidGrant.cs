using UnionPlatform.Kernel;

namespace UnionPlatform.HardshipAid.Domain;

public enum AidType { Living, Medical, Study, Employment, TemporaryRelief }

public enum StudyLevel { University, UpperSecondary }

/// <summary>Pending until Finance replies: PaymentPosted makes it Paid, PaymentRejected makes it Rejected.</summary>
public enum GrantStatus { Pending, Paid, Rejected }

/// <summary>
/// Aid granted to a member, against a filed file (or temporary relief without one). Its id is the payment request
/// id Finance pays at most once; its status follows Finance's first reply, and later replies change nothing.
/// </summary>
public sealed class AidGrant
{
    public Guid Id { get; private set; }
    public Guid? FileId { get; private set; }
    public Guid MemberId { get; private set; }
    public string DistrictId { get; private set; } = "";
    public Guid UnionId { get; private set; }
    public AidType Type { get; private set; }
    public StudyLevel? StudyLevel { get; private set; }
    public decimal Amount { get; private set; }
    public decimal? OutOfPocketCost { get; private set; }
    public int AidYear { get; private set; }
    public DateOnly GrantedOn { get; private set; }
    public GrantStatus Status { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    public Guid? LedgerEntryId { get; private set; }
    public string? RejectionCode { get; private set; }
    public string? RejectionText { get; private set; }
    public uint Version { get; private set; }

    private AidGrant() { }

    /// <summary>Finance's purpose code for the grant's type (PaymentRequested.Purpose).</summary>
    public string Purpose => Type == AidType.TemporaryRelief ? "TemporaryRelief" : $"Hardship{Type}";

    /// <summary>A grant against a filed file, within the household's yearly caps (<paramref name="grantedThisYear"/>: its earlier grants of the same kind).</summary>
    public static AidGrant Against(Guid id, HardshipFile file, AidRequest request, decimal allowance, decimal grantedThisYear, DateOnly today)
    {
        file.EnsureMayGrantAid();
        AidCaps.Check(request, file.Category, allowance, grantedThisYear, withFile: true);
        return New(id, file.Id, file.MemberId, file.DistrictId, file.UnionId, request, today);
    }

    /// <summary>Temporary relief for a member without a filed file, within <see cref="AidCaps.TemporaryReliefWithoutFile"/> a year.</summary>
    public static AidGrant TemporaryRelief(Guid id, EligibleMember member, decimal amount, decimal grantedThisYear, DateOnly today)
    {
        if (!member.HoldsMembership) throw new DomainException("Temporary relief is for members only.", member.Status.ToString());
        var request = new AidRequest(AidType.TemporaryRelief, amount);
        AidCaps.Check(request, null, 0m, grantedThisYear, withFile: false);
        return New(id, null, member.MemberId, member.DistrictId, member.UnionId, request, today);
    }

    /// <summary>Finance posted the payment. False when the grant already had its answer (a redelivery or a late reply).</summary>
    public bool MarkPaid(DateOnly postedOn, Guid ledgerEntryId)
    {
        if (Status != GrantStatus.Pending) return false;
        (Status, PaidOn, LedgerEntryId) = (GrantStatus.Paid, postedOn, ledgerEntryId);
        return true;
    }

    /// <summary>Finance refused the payment. False when the grant already had its answer.</summary>
    public bool MarkRejected(string code, string text)
    {
        if (Status != GrantStatus.Pending) return false;
        (Status, RejectionCode, RejectionText) = (GrantStatus.Rejected, code, text);
        return true;
    }

    private static AidGrant New(Guid id, Guid? fileId, Guid memberId, string districtId, Guid unionId, AidRequest request, DateOnly today) => new()
    {
        Id = id, FileId = fileId, MemberId = memberId, DistrictId = districtId, UnionId = unionId, Type = request.Type,
        StudyLevel = request.Type == AidType.Study ? request.StudyLevel : null,
        OutOfPocketCost = request.Type == AidType.Medical ? request.OutOfPocketCost : null,
        Amount = request.Amount, AidYear = today.Year, GrantedOn = today, Status = GrantStatus.Pending,
    };
}

/// <summary>What staff ask to grant. Medical aid names the out-of-pocket cost; study aid the level of schooling.</summary>
public sealed record AidRequest(AidType Type, decimal Amount, decimal? OutOfPocketCost = null, StudyLevel? StudyLevel = null);

/// <summary>The yearly caps per household of DOMAIN.md §2, in yuan; 低保 is the district's allowance per person per month.</summary>
public static class AidCaps
{
    public const decimal MedicalPerYear = 20_000m;
    public const decimal TemporaryReliefWithoutFile = 3_000m;
    public const int LivingMonthsDeep = 12;
    /// <summary>Relative households, and (a choice the domain leaves open) Accidental ones.</summary>
    public const int LivingMonthsOther = 10;
    public const int StudyMonthsUniversity = 10;
    public const int StudyMonthsUpperSecondary = 6;

    /// <summary>The yearly cap for one kind of aid; null when the domain sets none (employment aid).</summary>
    public static decimal? YearlyCap(AidRequest request, HardshipCategory? category, decimal allowance, bool withFile) => request.Type switch
    {
        AidType.Living => allowance * (category == HardshipCategory.Deep ? LivingMonthsDeep : LivingMonthsOther),
        AidType.Medical => MedicalPerYear,
        AidType.Study => allowance * (request.StudyLevel == StudyLevel.University ? StudyMonthsUniversity : StudyMonthsUpperSecondary),
        AidType.TemporaryRelief => withFile ? null : TemporaryReliefWithoutFile,
        _ => null,
    };

    /// <summary>
    /// Throws when the grant would break a rule: amount above zero and in whole fen; medical aid at most the
    /// out-of-pocket cost; study aid names its level; and with <paramref name="grantedThisYear"/> (the same
    /// household's grants of the same kind this year, rejected ones excluded) within the yearly cap.
    /// </summary>
    public static void Check(AidRequest request, HardshipCategory? category, decimal allowance, decimal grantedThisYear, bool withFile)
    {
        if (request.Amount <= 0 || decimal.Round(request.Amount, 2) != request.Amount)
            throw new DomainException("The amount is more than zero, in yuan with at most two decimals.");
        if (request.Type == AidType.Medical && (request.OutOfPocketCost is not { } cost || request.Amount > cost))
            throw new DomainException("Medical aid is at most the out-of-pocket cost.");
        if (request.Type == AidType.Study && request.StudyLevel is null)
            throw new DomainException("Study aid names the level: University or UpperSecondary.");
        if (YearlyCap(request, category, allowance, withFile) is { } cap && grantedThisYear + request.Amount > cap)
            throw new DomainException(FormattableString.Invariant(
                $"{request.Type} aid is capped at {cap:0.00} a year for this household; {Math.Max(0, cap - grantedThisYear):0.00} remains."));
    }
}
