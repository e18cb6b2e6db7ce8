namespace UnionPlatform.Seeds;

/// <summary>
/// Streams the members, firm by firm, from one seeded stream: nothing but the ID counters (about 1.5 MB) is held,
/// so two million members cost no more memory than two hundred.
/// </summary>
internal sealed class MemberGenerator(IReadOnlyList<PlannedEnterprise> firms, DemoCityOptions options, SeedIds ids, Guid[] unionIds)
{
    private const int YoungestAge = 18, OldestAge = 65;

    // Age bands of working members and their weights: the bulge of the 1980s and 1990s cohorts.
    private static readonly Weighted<(int Min, int Max)> ActiveAges = new(new ((int, int), double)[]
    {
        ((18, 24), 8), ((25, 29), 14), ((30, 34), 17), ((35, 39), 16), ((40, 44), 14), ((45, 49), 13), ((50, 54), 11),
        ((55, 59), 7),
    });

    // The city's own codes first, then the migrants' home codes; the allocator keeps counters per code.
    private static readonly int LocalCodes = Geography.BirthAreaCodes.Count();
    private static readonly string[] BirthAreaCodes =
        [.. Geography.BirthAreaCodes, .. Geography.MigrantOrigins.Select(o => o.AreaCode)];
    private static readonly Weighted<int> MigrantOrigin =
        new(Geography.MigrantOrigins.Select((o, i) => (LocalCodes + i, o.Weight)));

    public IEnumerable<(SeedMember Member, PlannedEnterprise Firm)> Generate()
    {
        var reference = options.ReferenceDate;
        var rng = Prng.For(options.RandomSeed, "members");
        var idAllocator = new NationalIdAllocator(BirthAreaCodes, reference.AddYears(-OldestAge - 1), reference.AddYears(-YoungestAge), options.RandomSeed);
        var phoneKey = (uint)Prng.Mix((ulong)(uint)options.RandomSeed ^ 0x9E0E);
        var earliestJoin = reference.AddYears(-15);
        long index = 0;
        foreach (var firm in firms)
        {
            if (firm.Union is not { } union) continue;
            var enterpriseId = ids.Create(SeedIds.Enterprise, firm.Index);
            var unionId = unionIds[union.Index];
            var localArea = Array.IndexOf(BirthAreaCodes, LocalBirthCode(firm.District));
            var migrantChance = Math.Min(0.85, firm.District.MigrantShare * firm.Industry.MigrantFactor);
            for (var k = 0; k < firm.Members; k++, index++)
            {
                var status = rng.NextDouble() switch { < 0.015 => SeedValues.Withdrawn, < 0.065 => SeedValues.Retained, _ => SeedValues.Active };
                var male = !rng.Chance(firm.Industry.FemaleShare);
                var age = Age(ref rng, status, male);
                var area = rng.Chance(migrantChance) ? MigrantOrigin.Pick(ref rng)
                    : rng.Chance(0.75) ? localArea : rng.Next(LocalCodes);
                var nationalId = idAllocator.Next(area, reference.AddYears(-age).AddDays(-rng.Next(365)), male, out var born);
                var name = PersonNames.Create(ref rng, male, born.Year);
                var joinFrom = Latest(earliestJoin, union.EstablishedOn, born.AddYears(YoungestAge));
                var joined = joinFrom.AddDays(rng.Next(Math.Max(1, reference.DayNumber - joinFrom.DayNumber)));
                yield return (new SeedMember(ids.Create(SeedIds.Member, index), nationalId, name,
                    PhoneNumbers.Create(index, phoneKey), firm.District.Id, unionId, enterpriseId, joined, status), firm);
            }
        }
    }

    /// <summary>Working members are 18-59 (women mostly retire by 55); retained ones are mostly retirees.</summary>
    private static int Age(ref Prng rng, string status, bool male)
    {
        if (status == SeedValues.Retained) return rng.Between(50, 64);
        if (status == SeedValues.Withdrawn) return rng.Between(20, 49);
        var (min, max) = ActiveAges.Pick(ref rng);
        var age = rng.Between(min, max);
        return male || age < 55 ? age : rng.Between(45, 54);
    }

    private static string LocalBirthCode(District district) => district.BirthDistrictId is { } birth
        ? Geography.Districts.Single(d => d.Id == birth).AreaCode
        : district.AreaCode;

    private static DateOnly Latest(DateOnly a, DateOnly b, DateOnly c) => a > b ? (a > c ? a : c) : (b > c ? b : c);
}
