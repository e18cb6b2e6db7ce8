namespace UnionPlatform.Portal.Clients;

/// <summary>The Membership service (/membership on the gateway), as the signed-in person.</summary>
public sealed class MembershipClient(GatewayCaller api)
{
    public const string Service = "Membership";
    public const string WorkbookMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string Api = "membership/api";

    public Task<CoverageReport> CoverageAsync(string? month = null, CancellationToken ct = default) =>
        api.GetAsync<CoverageReport>(Service, ApiQuery.Path($"{Api}/coverage", ("month", month)), ct);

    /// <summary>Monthly figures for a district, or the city ("city"), oldest first.</summary>
    public Task<List<CoverageFigures>> CoverageSeriesAsync(string scope, string from, string to, CancellationToken ct = default) =>
        api.GetAsync<List<CoverageFigures>>(Service, ApiQuery.Path($"{Api}/coverage/series", ("districtId", scope), ("from", from), ("to", to)), ct);

    /// <summary>What would raise a district's rates: its largest uncovered enterprises and its least-joined covered ones.</summary>
    public Task<CoverageGaps> CoverageGapsAsync(string districtId, CancellationToken ct = default) =>
        api.GetAsync<CoverageGaps>(Service, ApiQuery.Path($"{Api}/coverage/gaps", ("districtId", districtId)), ct);

    public Task<Paged<MemberView>> MembersAsync(MemberQuery query, CancellationToken ct = default) =>
        api.GetAsync<Paged<MemberView>>(Service, ApiQuery.Path($"{Api}/members", ("districtId", query.DistrictId), ("unionId", query.UnionId?.ToString()),
            ("enterpriseId", query.EnterpriseId?.ToString()), ("status", query.Status), ("name", query.Name), ("sort", query.Sort), ("page", query.Page.ToString()), ("pageSize", query.PageSize.ToString())), ct);

    public Task<MemberView> MemberAsync(Guid id, CancellationToken ct = default) => api.GetAsync<MemberView>(Service, $"{Api}/members/{id}", ct);

    public Task<List<HistoryView>> HistoryAsync(Guid id, CancellationToken ct = default) =>
        api.GetAsync<List<HistoryView>>(Service, $"{Api}/members/{id}/history", ct);

    public Task<MemberView> ApplyAsync(ApplyForMembership application, CancellationToken ct = default) =>
        api.PostAsync<MemberView>(Service, $"{Api}/members", application, ct);

    /// <summary>One of the member actions (approve, transfer, retain, dues, education, withdraw, expel, death) with its body.</summary>
    public Task<MemberView> ActAsync(Guid id, string action, object? body, CancellationToken ct = default) =>
        api.PostAsync<MemberView>(Service, $"{Api}/members/{id}/{action}", body ?? new { }, ct);

    /// <summary>Uploads a roster (an .xlsx workbook or a CSV, by its file name) into a union; the answer lists each refused line.</summary>
    public async Task<ImportReport> ImportRosterAsync(Guid unionId, Stream file, string fileName, CancellationToken ct = default)
    {
        var content = new StreamContent(file, 64 * 1024);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(
            fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? WorkbookMediaType : "text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/unions/{unionId}/roster") { Content = content };
        using var response = await api.SendAsync(Service, request, ct, GatewayCaller.UploadClient);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ImportReport>(response.Content, GatewayCaller.Json, ct))!;
    }

    public Task<Paged<EnterpriseView>> EnterprisesAsync(EnterpriseQuery query, CancellationToken ct = default) =>
        api.GetAsync<Paged<EnterpriseView>>(Service, ApiQuery.Path($"{Api}/enterprises", ("districtId", query.DistrictId), ("industry", query.Industry),
            ("covered", query.Covered?.ToString().ToLowerInvariant()), ("name", query.Name), ("sort", query.Sort),
            ("page", query.Page.ToString()), ("pageSize", query.PageSize.ToString())), ct);

    public Task<EnterpriseView> EnterpriseAsync(Guid id, CancellationToken ct = default) => api.GetAsync<EnterpriseView>(Service, $"{Api}/enterprises/{id}", ct);

    /// <summary>A new headcount: the district's employees (and so its rates) change by the difference from this month.</summary>
    public Task<EnterpriseView> ChangeHeadcountAsync(Guid id, int? headcount, CancellationToken ct = default) =>
        api.PutAsync<EnterpriseView>(Service, $"{Api}/enterprises/{id}/headcount", new { headcount }, ct);

    public Task<Paged<OrganisationView>> OrganisationsAsync(string? kind = null, string? districtId = null, int page = 1, int pageSize = 200,
        CancellationToken ct = default, string? name = null, string? state = null, Guid? parentId = null) =>
        api.GetAsync<Paged<OrganisationView>>(Service, ApiQuery.Path($"{Api}/organisations", ("kind", kind), ("districtId", districtId),
            ("name", name), ("state", state), ("parentId", parentId?.ToString()), ("page", page.ToString()), ("pageSize", pageSize.ToString())), ct);

    /// <summary>approve, dissolve or merge, with its body.</summary>
    public Task<OrganisationView> ActOnOrganisationAsync(Guid id, string action, object body, CancellationToken ct = default) =>
        api.PostAsync<OrganisationView>(Service, $"{Api}/organisations/{id}/{action}", body, ct);

    public Task<OrganisationView> OrganisationAsync(Guid id, CancellationToken ct = default) =>
        api.GetAsync<OrganisationView>(Service, $"{Api}/organisations/{id}", ct);
}

public sealed record MemberQuery(string? DistrictId = null, Guid? UnionId = null, string? Status = null, string? Name = null, string? Sort = null,
    int Page = 1, int PageSize = 25, Guid? EnterpriseId = null);

public sealed record EnterpriseQuery(string? DistrictId = null, string? Industry = null, bool? Covered = null, string? Name = null, string? Sort = null,
    int Page = 1, int PageSize = 25);

// What the pages send; names as the API's JSON.
public sealed record ApplyForMembership(string? NationalId, string? Name, string? Phone, Guid? UnionId, Guid? EnterpriseId);
