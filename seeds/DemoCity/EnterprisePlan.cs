namespace UnionPlatform.Seeds;

/// <summary>An enterprise while the city is being planned, with what member generation needs later.</summary>
internal sealed class PlannedEnterprise(int index, District district, Industry industry, int headcount)
{
    public int Index { get; } = index;
    public District District { get; } = district;
    public Industry Industry { get; } = industry;
    public int Headcount { get; } = headcount;
    public string Name { get; set; } = "";
    public string CreditCode { get; set; } = "";
    public bool PublicBody { get; set; }
    public bool Covered { get; set; }
    /// <summary>The share of staff who would join; members are allocated in proportion to headcount × this.</summary>
    public double JoinPropensity { get; set; }
    public int Members { get; set; }
    public PlannedUnion? Union { get; set; }
}

/// <summary>
/// Draws enterprises until the covered workforce can hold the requested members, then shares the members out.
/// Enterprise sizes are heavy-tailed (most under 50 staff, a handful thousands-strong); larger firms and public
/// bodies are far more often unionised, which is why coverage by headcount runs above coverage by firm count.
/// </summary>
internal static class EnterprisePlan
{
    // Staff bands and their share of firms, before the industry's and district's size factors.
    private static readonly Weighted<(int Min, int Max)> SizeBands = new(new ((int, int), double)[]
    {
        ((3, 9), 42), ((10, 19), 22), ((20, 49), 19), ((50, 99), 8.5), ((100, 299), 5.5), ((300, 999), 2.2),
        ((1_000, 2_999), 0.6), ((3_000, 8_000), 0.12),
    });

    public static List<PlannedEnterprise> Create(DemoCityOptions options)
    {
        var rng = Prng.For(options.RandomSeed, "enterprises");
        var districts = new Weighted<District>(Geography.Districts.Select(d => (d, d.EnterpriseShare)));
        var industries = Geography.Districts.ToDictionary(d => d.Id, d => new Weighted<Industry>(
            Industry.All.Select(i => (i, i.Share * d.IndustryBias.GetValueOrDefault(i.Id, 1.0)))));
        // One plant must not swallow a small city: cap a firm at 5% of the members asked for.
        var maxHeadcount = Math.Clamp(options.Members / 20, 300, 30_000);
        var names = new EnterpriseNames();
        var codes = new CreditCodes(options.RandomSeed);

        var plan = new List<PlannedEnterprise>();
        double capacity = 0;
        while (capacity < options.Members)
        {
            var district = districts.Pick(ref rng);
            var industry = industries[district.Id].Pick(ref rng);
            var body = industry.PublicBodies.Length > 0 && rng.Chance(0.3) ? rng.Pick(industry.PublicBodies) : null;
            var publicName = body is null ? null : names.PublicBody(district, body.Kind);
            var headcount = publicName is null ? FirmHeadcount(district, industry, ref rng) : rng.Between(body!.MinStaff, body.MaxStaff);
            var firm = new PlannedEnterprise(plan.Count, district, industry, Math.Min(headcount, maxHeadcount))
            {
                PublicBody = publicName is not null,
            };
            firm.Name = publicName ?? names.Firm(district, industry, firm.Headcount, ref rng);
            firm.CreditCode = codes.Next(district.AreaCode, firm.PublicBody, registeredSince2015: rng.Chance(0.55), ref rng);
            firm.Covered = rng.Chance(CoverageChance(firm));
            firm.JoinPropensity = firm.Covered ? 0.74 + 0.26 * rng.NextDouble() : 0;
            capacity += firm.Headcount * firm.JoinPropensity;
            plan.Add(firm);
        }
        ShareOutMembers(plan, options.Members, capacity);
        return plan;
    }

    private static int FirmHeadcount(District district, Industry industry, ref Prng rng)
    {
        var (min, max) = SizeBands.Pick(ref rng);
        return (int)Math.Max(3, rng.Between(min, max) * industry.SizeFactor * district.SizeFactor);
    }

    private static double CoverageChance(PlannedEnterprise firm) => firm switch
    {
        { PublicBody: true } => 0.99,
        { Headcount: >= 100 } => 0.96,
        { Headcount: >= 25 } => Math.Min(0.93, firm.District.SmallFirmUnionRate + 0.15),
        _ => firm.District.SmallFirmUnionRate,
    };

    /// <summary>Largest-remainder shares of the members, each at most the firm's propensity × headcount.</summary>
    private static void ShareOutMembers(List<PlannedEnterprise> plan, int members, double capacity)
    {
        var scale = members / capacity; // <= 1, so no firm gets more members than staff
        var remainders = new List<(double Fraction, PlannedEnterprise Firm)>();
        var given = 0;
        foreach (var firm in plan.Where(f => f.Covered))
        {
            var exact = firm.Headcount * firm.JoinPropensity * scale;
            firm.Members = (int)exact;
            given += firm.Members;
            if (firm.Members < firm.Headcount) remainders.Add((exact - firm.Members, firm));
        }
        foreach (var (_, firm) in remainders.OrderByDescending(r => r.Fraction).ThenBy(r => r.Firm.Index).Take(members - given))
            firm.Members++;
    }
}
