namespace UnionPlatform.Seeds;

/// <summary>
/// A demo city's unions, employers, members and hardship files, generated purely from <see cref="DemoCityOptions"/>:
/// the same options give the same records, ids included, on every run and machine. Districts, organisations and
/// enterprises are small lists; members and hardship files stream, so millions cost almost no memory.
/// </summary>
/// <example><code>
/// var city = DemoCity.Create(new DemoCityOptions { Members = 2_000_000 });
/// foreach (var member in city.Members()) writer.Write(member); // e.g. a binary COPY
/// </code></example>
public sealed class DemoCity
{
    private readonly List<PlannedEnterprise> _firms;
    private readonly SeedIds _ids;
    private readonly Guid[] _unionIds;

    private DemoCity(DemoCityOptions options)
    {
        Options = options;
        _ids = new SeedIds(options.RandomSeed, options.ReferenceDate);
        _firms = EnterprisePlan.Create(options);
        var unions = OrganisationPlan.Create(_firms, options);
        _unionIds = [.. unions.Select(u => _ids.Create(SeedIds.Organisation, u.Index))];

        Districts = [.. Geography.Districts.Select(d => d.ToSeed())];
        Organisations = [.. unions.Select(u => new SeedOrganisation(_unionIds[u.Index],
            u.Parent is { } parent ? _unionIds[parent.Index] : null, u.Kind, u.Name, u.District?.Id ?? "",
            u.EstablishedOn, u.TermYears, HasCommittee: u.Kind is SeedValues.City or SeedValues.District || u.Members >= 25))];
        Enterprises = [.. _firms.Select(f => new SeedEnterprise(_ids.Create(SeedIds.Enterprise, f.Index), f.CreditCode,
            f.Name, f.District.Id, f.Industry.Id, f.Headcount, f.Union is { } union ? _unionIds[union.Index] : null))];
    }

    public static DemoCity Create(DemoCityOptions? options = null)
    {
        options ??= new DemoCityOptions();
        if (options.Members is < 1_000 or > 5_000_000)
            throw new ArgumentOutOfRangeException(nameof(options), options.Members, "Members must be between 1,000 and 5,000,000.");
        return new DemoCity(options);
    }

    public DemoCityOptions Options { get; }
    public IReadOnlyList<SeedDistrict> Districts { get; }
    /// <summary>Every organisation, parents before children: the city federation, district federations, then unions.</summary>
    public IReadOnlyList<SeedOrganisation> Organisations { get; }
    public IReadOnlyList<SeedEnterprise> Enterprises { get; }

    /// <summary>Exactly <see cref="DemoCityOptions.Members"/> members, enterprise by enterprise, generated as you go.</summary>
    public IEnumerable<SeedMember> Members() => new MemberGenerator(_firms, Options, _ids, _unionIds).Generate().Select(m => m.Member);

    /// <summary>Hardship files of active members, in member order; each call regenerates the members behind them.</summary>
    public IEnumerable<SeedHardshipFile> HardshipFiles() =>
        new HardshipGenerator(Options, _ids).Generate(new MemberGenerator(_firms, Options, _ids, _unionIds).Generate());
}
