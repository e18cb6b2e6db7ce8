namespace UnionPlatform.Membership.Domain;

/// <summary>
/// A record that someone read a member's full national ID and phone (PIPL: access to sensitive personal information
/// is accountable). Append-only, and committed before the values are answered.
/// </summary>
public sealed record PersonalDataReveal(Guid Id, Guid MemberId, string RevealedBy, string? RevealedByDistrict, DateTimeOffset RevealedAt)
{
    public const int MaxActorLength = 200;
}
