using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Seeds.Tests;

public sealed class NationalIdAllocatorTests
{
    private static readonly DateOnly Day = new(1990, 5, 17);

    [Fact]
    public void A_full_birth_date_spills_to_the_next_day_so_ids_never_repeat()
    {
        var allocator = new NationalIdAllocator(["361202"], Day.AddYears(-1), Day.AddYears(1), seed: 1);

        var ids = Enumerable.Range(0, 1_200).Select(i => allocator.Next(0, Day, male: true, out _)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(NationalId.IsValid(id, new DateOnly(2026, 11, 1))));
        Assert.Equal(499, ids.Count(id => NationalId.BirthDate(id) == Day));
        Assert.Equal(499, ids.Count(id => NationalId.BirthDate(id) == Day.AddDays(1)));
    }

    [Fact]
    public void The_sequence_is_odd_for_men_and_even_for_women()
    {
        var allocator = new NationalIdAllocator(["361202"], Day, Day, seed: 1);

        Assert.All(Enumerable.Range(0, 50).Select(i => allocator.Next(0, Day, male: true, out _)), id => Assert.Equal(1, (id[16] - '0') % 2));
        Assert.All(Enumerable.Range(0, 50).Select(i => allocator.Next(0, Day, male: false, out _)), id => Assert.Equal(0, (id[16] - '0') % 2));
    }
}
