namespace UnionPlatform.Portal.Clients;

/// <summary>The HardshipAid service (/hardship on the gateway), as the signed-in person.</summary>
public sealed class HardshipClient(GatewayCaller api)
{
    public const string Service = "HardshipAid";
    private const string Api = "hardship/api";

    /// <summary>Surveys and annual reviews past their due date in the person's districts.</summary>
    public Task<List<OverdueItem>> OverdueAsync(string? districtId = null, CancellationToken ct = default) =>
        api.GetAsync<List<OverdueItem>>(Service, ApiQuery.Path($"{Api}/hardship-files/overdue", ("districtId", districtId)), ct);
}
