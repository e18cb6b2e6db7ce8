using System.Diagnostics;
using Xunit.Abstractions;
using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Seeds.Tests;

public sealed class ScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Two_million_members_stream_with_unique_national_ids()
    {
        var clock = Stopwatch.StartNew();
        var city = DemoCity.Create(new DemoCityOptions { Members = 2_000_000 });
        var planned = clock.Elapsed;

        // The first 17 digits fit in a long: 16 MB to check 2,000,000 IDs, rather than a set of strings.
        var ids = new long[2_000_000];
        var count = 0;
        foreach (var member in city.Members()) ids[count++] = long.Parse(member.NationalId.AsSpan(0, 17));
        var generated = clock.Elapsed;

        Assert.Equal(ids.Length, count);
        Array.Sort(ids);
        for (var i = 1; i < ids.Length; i++) Assert.NotEqual(ids[i - 1], ids[i]);
        // The time is reported, not asserted: a loaded machine is slower, and speed is the benchmark's to show.
        output.WriteLine($"{city.Enterprises.Count:N0} enterprises, {city.Organisations.Count:N0} organisations planned in " +
            $"{planned.TotalMilliseconds:N0} ms; 2,000,000 members streamed in {(generated - planned).TotalMilliseconds:N0} ms");
    }

    [Fact]
    public void At_two_million_members_the_rates_stay_plausible()
    {
        var city = DemoCity.Create(new DemoCityOptions { Members = 2_000_000 });
        var covered = city.Enterprises.Where(e => e.UnionId is not null).ToList();
        var active = city.Members().Count(m => m.Status == SeedValues.Active);

        Assert.InRange(covered.Count / (double)city.Enterprises.Count, 0.70, 0.85);
        Assert.InRange(active / (double)covered.Sum(e => (long)e.Headcount), 0.75, 0.90);
        Assert.All(city.Enterprises, e => Assert.True(SocialCreditCode.IsValid(e.CreditCode)));
        Assert.Equal(city.Enterprises.Count, city.Enterprises.Select(e => e.CreditCode).Distinct().Count());
    }
}
