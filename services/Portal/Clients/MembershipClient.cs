namespace UnionPlatform.Portal.Clients;

/// <summary>The Membership service (/membership on the gateway), as the signed-in person.</summary>
public sealed class MembershipClient(GatewayCaller api)
{
    public const string Service = "Membership";
    private const string Api = "membership/api";

    public Task<CoverageReport> CoverageAsync(string? month = null, CancellationToken ct = default) =>
        api.GetAsync<CoverageReport>(Service, ApiQuery.Path($"{Api}/coverage", ("month", month)), ct);

    /// <summary>Monthly figures for a district, or the city ("city"), oldest first.</summary>
    public Task<List<CoverageFigures>> CoverageSeriesAsync(string scope, string from, string to, CancellationToken ct = default) =>
        api.GetAsync<List<CoverageFigures>>(Service, ApiQuery.Path($"{Api}/coverage/series", ("districtId", scope), ("from", from), ("to", to)), ct);

    public Task<Paged<MemberView>> MembersAsync(MemberQuery query, CancellationToken ct = default) =>
        api.GetAsync<Paged<MemberView>>(Service, ApiQuery.Path($"{Api}/members", ("districtId", query.DistrictId), ("unionId", query.UnionId?.ToString()),
            ("status", query.Status), ("name", query.Name), ("page", query.Page.ToString()), ("pageSize", query.PageSize.ToString())), ct);

    public Task<Paged<EnterpriseView>> EnterprisesAsync(EnterpriseQuery query, CancellationToken ct = default) =>
        api.GetAsync<Paged<EnterpriseView>>(Service, ApiQuery.Path($"{Api}/enterprises", ("districtId", query.DistrictId), ("industry", query.Industry),
            ("covered", query.Covered?.ToString().ToLowerInvariant()), ("page", query.Page.ToString()), ("pageSize", query.PageSize.ToString())), ct);

    public Task<Paged<OrganisationView>> OrganisationsAsync(string? kind = null, string? districtId = null, int page = 1, int pageSize = 200,
        CancellationToken ct = default) =>
        api.GetAsync<Paged<OrganisationView>>(Service, ApiQuery.Path($"{Api}/organisations", ("kind", kind), ("districtId", districtId),
            ("page", page.ToString()), ("pageSize", pageSize.ToString())), ct);
}

public sealed record MemberQuery(string? DistrictId = null, Guid? UnionId = null, string? Status = null, string? Name = null, int Page = 1, int PageSize = 25);

public sealed record EnterpriseQuery(string? DistrictId = null, string? Industry = null, bool? Covered = null, int Page = 1, int PageSize = 25);
