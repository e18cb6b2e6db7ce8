namespace UnionPlatform.Portal.Clients;

/// <summary>
/// The districts' names, from their federations in Membership (kind District), loaded once per circuit: the
/// services speak in district ids (gulou), people read 鼓楼区.
/// </summary>
public sealed class Districts(MembershipClient membership)
{
    private Dictionary<string, string>? _names;

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct = default) =>
        _names ??= (await membership.OrganisationsAsync(kind: "District", ct: ct)).Items
            .GroupBy(o => o.DistrictId).ToDictionary(g => g.Key, g => ShortName(g.First().Name), StringComparer.Ordinal);

    public string Name(string districtId) => _names?.GetValueOrDefault(districtId) ?? districtId;

    /// <summary>"江州市鼓楼区总工会" reads "鼓楼区" on a chart axis: the federation's name without the city and the "总工会".</summary>
    public static string ShortName(string federation)
    {
        var name = federation.EndsWith("总工会", StringComparison.Ordinal) ? federation[..^3] : federation;
        var city = name.IndexOf('市');
        return city > 0 && city < name.Length - 1 ? name[(city + 1)..] : name;
    }
}
