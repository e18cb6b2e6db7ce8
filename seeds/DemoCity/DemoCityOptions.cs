namespace UnionPlatform.Seeds;

/// <summary>What to generate. The same options always yield the same city, record for record.</summary>
public sealed record DemoCityOptions
{
    /// <summary>Member records to generate (all statuses); enterprises and unions scale with it.</summary>
    public int Members { get; init; } = 200_000;

    public int RandomSeed { get; init; } = 20261125;

    /// <summary>"Today" for the demo city: every date is relative to it, never to the clock.</summary>
    public DateOnly ReferenceDate { get; init; } = new(2026, 11, 1);

    /// <summary>Minimum living allowance (低保), yuan per person per month, that hardship categories are set against.</summary>
    public decimal MinimumLivingAllowance { get; init; } = 1_062m;
}
