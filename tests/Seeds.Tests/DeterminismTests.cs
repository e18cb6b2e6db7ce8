namespace UnionPlatform.Seeds.Tests;

public sealed class DeterminismTests
{
    private static readonly DemoCityOptions Small = new() { Members = 20_000 };

    [Fact]
    public void The_same_options_give_the_same_city_record_for_record()
    {
        var first = DemoCity.Create(Small);
        var second = DemoCity.Create(Small);

        Assert.Equal(first.Districts, second.Districts);
        Assert.Equal(first.Organisations, second.Organisations);
        Assert.Equal(first.Enterprises, second.Enterprises);
        Assert.Equal(first.Members(), second.Members());
        Assert.Equal(first.HardshipFiles().Select(Flatten), second.HardshipFiles().Select(Flatten));
    }

    [Fact]
    public void Enumerating_members_twice_gives_the_same_members()
    {
        var city = DemoCity.Create(Small);

        Assert.Equal(city.Members().ToList(), city.Members().ToList());
        Assert.Equal(city.HardshipFiles().Select(Flatten).ToList(), city.HardshipFiles().Select(Flatten).ToList());
    }

    [Fact]
    public void Another_seed_gives_another_city()
    {
        var first = DemoCity.Create(Small);
        var other = DemoCity.Create(Small with { RandomSeed = Small.RandomSeed + 1 });

        Assert.NotEqual(first.Enterprises.Select(e => e.CreditCode), other.Enterprises.Select(e => e.CreditCode));
        Assert.NotEqual(first.Members().Take(100).Select(m => m.NationalId), other.Members().Take(100).Select(m => m.NationalId));
    }

    [Fact]
    public void Too_few_or_too_many_members_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoCity.Create(new DemoCityOptions { Members = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoCity.Create(new DemoCityOptions { Members = 50_000_000 }));
    }

    // Records compare arrays by reference, so the causes are compared as one joined string.
    private static (SeedHardshipFile, string) Flatten(SeedHardshipFile f) =>
        (f with { Causes = Array.Empty<string>() }, string.Join(",", f.Causes));
}
