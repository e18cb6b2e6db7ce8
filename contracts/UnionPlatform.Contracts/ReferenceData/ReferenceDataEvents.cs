using MassTransit;

namespace UnionPlatform.Contracts.ReferenceData;

// Published by reference data: local figures that rules depend on, effective-dated, never constants in code.

/// <summary>
/// A local threshold (the minimum living allowance 低保, the minimum wage, an aid or spending cap) was published
/// with the date from which it applies. A later value for the same kind and district supersedes it from its own
/// effective date; consumers keep the history and pick the value in force on the date they judge.
/// </summary>
[MessageUrn("unionplatform:reference-data:threshold-published:v1")]
public sealed record ThresholdPublished : IIntegrationEvent
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The district the value applies to, or "city" for a city-wide value.</summary>
    public required string DistrictId { get; init; }
    public required Guid CorrelationId { get; init; }
    public required Guid ThresholdId { get; init; }
    /// <summary>
    /// MinimumLivingAllowance, MinimumWage, MinimumHourlyWage, MedicalAidCap, TemporaryReliefCap, FestivalGiftCap
    /// or CondolenceCap.
    /// </summary>
    public required string Kind { get; init; }
    /// <summary>Yuan (CNY), per <see cref="Unit"/>.</summary>
    public required decimal Amount { get; init; }
    /// <summary>PerPersonPerMonth, PerMonth, PerHour, PerHouseholdPerYear, PerPersonPerYear or PerEvent.</summary>
    public required string Unit { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    /// <summary>The notice that sets the value, e.g. "武民政规〔2025〕1号".</summary>
    public required string Source { get; init; }
}
