namespace UnionPlatform.Seeds;

/// <summary>A union organisation while the city is being planned.</summary>
internal sealed class PlannedUnion(int index, string kind, string name, District? district, PlannedUnion? parent)
{
    public int Index { get; } = index;
    public string Kind { get; } = kind;
    public string Name { get; } = name;
    public District? District { get; } = district;
    public PlannedUnion? Parent { get; } = parent;
    public DateOnly EstablishedOn { get; set; }
    public int TermYears { get; set; } = 5;
    public int Members { get; set; }
}

/// <summary>
/// Builds the organisation tree: the city federation, a federation per district, a grassroots union in each covered
/// firm big enough to run one (and in every covered public body), and joint grassroots unions gathering the small
/// covered firms of a district a handful at a time, as street and town unions do.
/// </summary>
internal static class OrganisationPlan
{
    private static readonly string[] Communities =
    [
        "东湖", "文昌", "新华", "解放", "建设", "和平", "胜利", "人民", "光明", "幸福", "龙泉", "凤凰", "金桥", "银湖",
        "滨江", "翠苑", "桂花", "梅园", "柳岸", "杏坛", "锦绣", "长青", "永安", "兴业",
    ];

    public static List<PlannedUnion> Create(IReadOnlyList<PlannedEnterprise> firms, DemoCityOptions options)
    {
        var rng = Prng.For(options.RandomSeed, "organisations");
        var latest = options.ReferenceDate.AddDays(-180); // every union has been running for at least half a year
        var unions = new List<PlannedUnion>();
        var city = Add(unions, SeedValues.City, Geography.CityName + "总工会", null, null);
        city.EstablishedOn = Geography.CityFederationEstablished;
        var federations = Geography.Districts.ToDictionary(d => d.Id, d =>
        {
            var federation = Add(unions, SeedValues.District, d.FederationName, d, city);
            federation.EstablishedOn = d.FederationEstablished;
            return federation;
        });

        var joinable = new List<PlannedEnterprise>();
        foreach (var firm in firms.Where(f => f.Covered))
        {
            var ownUnion = firm.PublicBody || firm.Headcount >= 50 || (firm.Headcount >= 25 && rng.Chance(0.35));
            if (!ownUnion) { joinable.Add(firm); continue; }
            var union = Add(unions, SeedValues.Grassroots, firm.Name + "工会委员会", firm.District, federations[firm.District.Id]);
            union.EstablishedOn = Date(ref rng, Later(new DateOnly(1995, 1, 1), union.Parent!.EstablishedOn), latest);
            union.TermYears = rng.Chance(0.55) ? 5 : 3;
            Cover(union, firm);
        }

        foreach (var district in Geography.Districts)
        {
            var small = joinable.Where(f => f.District == district).ToList();
            for (int start = 0, n = 0; start < small.Count; n++)
            {
                var size = rng.Between(4, 16);
                if (small.Count - (start + size) < 3) size = small.Count - start; // no joint union of one or two firms
                var union = Add(unions, SeedValues.JointGrassroots, JointName(district, n), district, federations[district.Id]);
                union.EstablishedOn = Date(ref rng, Later(new DateOnly(2008, 1, 1), union.Parent!.EstablishedOn), latest);
                union.TermYears = rng.Chance(0.75) ? 3 : 5;
                foreach (var firm in small.GetRange(start, size)) Cover(union, firm);
                start += size;
            }
        }
        return unions;
    }

    /// <summary>东街街道联合工会委员会, then 东街街道金桥社区联合工会委员会, then numbered ones; unique by construction.</summary>
    private static string JointName(District district, int n)
    {
        var town = district.Towns[n % district.Towns.Length];
        var round = n / district.Towns.Length;
        var prefix = district.PublicPrefix + town + district.TownWord;
        if (round == 0) return prefix + "联合工会委员会";
        if (round <= Communities.Length)
        {
            var community = Communities[(round - 1 + 7 * (n % district.Towns.Length)) % Communities.Length];
            return $"{prefix}{community}{(district.TownWord == "镇" ? "村" : "社区")}联合工会委员会";
        }
        return $"{prefix}第{ChineseNumerals.Format(round - Communities.Length + 1)}联合工会委员会";
    }

    private static PlannedUnion Add(List<PlannedUnion> unions, string kind, string name, District? district, PlannedUnion? parent)
    {
        var union = new PlannedUnion(unions.Count, kind, name, district, parent);
        unions.Add(union);
        return union;
    }

    private static void Cover(PlannedUnion union, PlannedEnterprise firm)
    {
        firm.Union = union;
        union.Members += firm.Members;
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Date(ref Prng rng, DateOnly from, DateOnly to) =>
        from.AddDays(rng.Next(Math.Max(1, to.DayNumber - from.DayNumber + 1)));
}
