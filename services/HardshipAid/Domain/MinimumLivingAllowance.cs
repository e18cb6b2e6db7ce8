using UnionPlatform.Kernel;

namespace UnionPlatform.HardshipAid.Domain;

/// <summary>
/// A district's minimum living allowance (低保), yuan per person per month, from a date on. A new standard does not
/// overwrite the old one: files checked before it keep the standard they were checked against.
/// </summary>
public sealed class MinimumLivingAllowance
{
    public const decimal MaxAmount = 100_000m;

    public Guid Id { get; private set; }
    public string DistrictId { get; private set; } = "";
    public decimal Amount { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    /// <summary>When open files were re-evaluated against it: on publication if already in force, else on its first day.</summary>
    public DateTimeOffset? AppliedAt { get; private set; }

    private MinimumLivingAllowance() { }

    public static MinimumLivingAllowance Publish(Guid id, string districtId, decimal amount, DateOnly effectiveFrom, DateTimeOffset now)
    {
        if (amount is <= 0 or > MaxAmount) throw new DomainException($"The allowance is more than 0 and at most {MaxAmount}.");
        return new MinimumLivingAllowance { Id = id, DistrictId = districtId, Amount = amount, EffectiveFrom = effectiveFrom, PublishedAt = now };
    }

    public void MarkApplied(DateTimeOffset now) => AppliedAt ??= now;

    /// <summary>The standard in force on <paramref name="date"/>: the latest one effective on or before it.</summary>
    public static MinimumLivingAllowance? InForce(IEnumerable<MinimumLivingAllowance> standards, DateOnly date) =>
        standards.Where(s => s.EffectiveFrom <= date).MaxBy(s => s.EffectiveFrom);
}
