using UnionPlatform.Membership.Domain;

namespace UnionPlatform.Membership.Api;

/// <summary>
/// A member as the API shows them: national ID and phone masked, since lists travel to many screens; reading them in
/// full is an explicit, recorded action (POST /api/members/{id}/reveal).
/// </summary>
public sealed record MemberView(Guid Id, string NationalIdMasked, string Name, string PhoneMasked, string DistrictId, Guid UnionId,
    Guid? EnterpriseId, MemberStatus Status, DateOnly AppliedOn, DateOnly? JoinedOn, DateOnly? DuesPaidThrough,
    DateOnly? EducationRecordedOn, DateOnly? EndedOn)
{
    public static MemberView From(Member m) => new(m.Id, Mask(m.NationalId), m.Name, MaskPhone(m.Phone), m.DistrictId, m.UnionId,
        m.EnterpriseId, m.Status, m.AppliedOn, m.JoinedOn, m.DuesPaidThrough, m.EducationRecordedOn, m.EndedOn);

    public static string Mask(string nationalId) => nationalId.Length == 18 ? $"{nationalId[..6]}********{nationalId[14..]}" : "****";

    /// <summary>138****5678; a landline keeps its area code's first digits and its last four.</summary>
    public static string MaskPhone(string phone) => phone.Length >= 8 ? $"{phone[..3]}{new string('*', phone.Length - 7)}{phone[^4..]}" : "****";
}

public sealed record HistoryView(DateTimeOffset OccurredAt, MemberChange Change, Guid UnionId, string DistrictId, string? Reason)
{
    public static HistoryView From(MemberHistoryEntry h) => new(h.OccurredAt, h.Change, h.UnionId, h.DistrictId, h.Reason);
}

public sealed record OrganisationView(Guid Id, string Name, OrganisationKind Kind, Guid? ParentId, string DistrictId,
    OrganisationState State, int TermYears, DateOnly? TermStartedOn, DateOnly? TermEndsOn, bool HasCommittee, Guid? MergedIntoId)
{
    public static OrganisationView From(Organisation o) => new(o.Id, o.Name, o.Kind, o.ParentId, o.DistrictId, o.State,
        o.TermYears, o.TermStartedOn, o.TermEndsOn, o.HasCommittee, o.MergedIntoId);
}

public sealed record EnterpriseView(Guid Id, string CreditCode, string Name, string DistrictId, string Industry, int Headcount, Guid? UnionId)
{
    public static EnterpriseView From(Enterprise e) => new(e.Id, e.CreditCode, e.Name, e.DistrictId, e.Industry, e.Headcount, e.UnionId);
}
