namespace UnionPlatform.Seeds.Tests;

/// <summary>One default-size city (200,000 members) generated once and shared by the tests that only read it.</summary>
public sealed class DemoCityFixture
{
    public DemoCity City { get; } = DemoCity.Create(new DemoCityOptions());
    public IReadOnlyList<SeedMember> Members { get; }
    public IReadOnlyList<SeedHardshipFile> HardshipFiles { get; }

    public DemoCityFixture()
    {
        Members = [.. City.Members()];
        HardshipFiles = [.. City.HardshipFiles()];
    }

    public DateOnly Today => City.Options.ReferenceDate;
}

[CollectionDefinition(Name)]
public sealed class DemoCityCollection : ICollectionFixture<DemoCityFixture>
{
    public const string Name = "demo city";
}
