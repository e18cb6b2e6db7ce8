namespace UnionPlatform.Portal.Clients;

/// <summary>The HardshipAid service (/hardship on the gateway), as the signed-in person.</summary>
public sealed class HardshipClient(GatewayCaller api)
{
    public const string Service = "HardshipAid";
    private const string Api = "hardship/api";

    /// <summary>Surveys and annual reviews past their due date in the person's districts.</summary>
    public Task<List<OverdueItem>> OverdueAsync(string? districtId = null, CancellationToken ct = default) =>
        api.GetAsync<List<OverdueItem>>(Service, ApiQuery.Path($"{Api}/hardship-files/overdue", ("districtId", districtId)), ct);

    public Task<Paged<FileView>> FilesAsync(string? state, int page, int pageSize, Guid? memberId = null, CancellationToken ct = default) =>
        api.GetAsync<Paged<FileView>>(Service, ApiQuery.Path($"{Api}/hardship-files", ("state", state), ("memberId", memberId?.ToString()),
            ("page", page.ToString()), ("pageSize", pageSize.ToString())), ct);

    public Task<List<DistrictStatistics>> StatisticsAsync(int year, CancellationToken ct = default) =>
        api.GetAsync<List<DistrictStatistics>>(Service, ApiQuery.Path($"{Api}/hardship-statistics", ("year", year.ToString())), ct);

    /// <summary>Opens a draft file for an active member, with the household's declared figures.</summary>
    public Task<FileView> OpenAsync(OpenFile draft, CancellationToken ct = default) =>
        api.PostAsync<FileView>(Service, $"{Api}/hardship-files", draft, ct);

    public Task<FileView> FileAsync(Guid id, CancellationToken ct = default) => api.GetAsync<FileView>(Service, $"{Api}/hardship-files/{id}", ct);

    /// <summary>A step of the file's lifecycle (submit, survey, income-check, public-notice, file, …) with its body.</summary>
    public Task<FileView> ActAsync(Guid id, string action, object? body, CancellationToken ct = default) =>
        api.PostAsync<FileView>(Service, $"{Api}/hardship-files/{id}/{action}", body ?? new { }, ct);

    public Task<List<GrantView>> GrantsAsync(Guid fileId, CancellationToken ct = default) =>
        api.GetAsync<List<GrantView>>(Service, $"{Api}/hardship-files/{fileId}/grants", ct);

    public Task<List<AidCapView>> CapsAsync(Guid fileId, CancellationToken ct = default) =>
        api.GetAsync<List<AidCapView>>(Service, $"{Api}/hardship-files/{fileId}/grants/caps", ct);

    public Task<List<DocumentView>> DocumentsAsync(Guid fileId, CancellationToken ct = default) =>
        api.GetAsync<List<DocumentView>>(Service, $"{Api}/hardship-files/{fileId}/documents", ct);

    /// <summary>Uploads a document to the file, streamed as the browser sends it; the service reads its type from the content.</summary>
    public async Task<DocumentView> UploadDocumentAsync(Guid fileId, string kind, Stream content, string fileName, CancellationToken ct = default)
    {
        var part = new StreamContent(content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Post, ApiQuery.Path($"{Api}/hardship-files/{fileId}/documents", ("kind", kind)))
        {
            Content = new MultipartFormDataContent { { part, "file", fileName } },
        };
        using var response = await api.SendAsync(Service, request, ct, GatewayCaller.UploadClient);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<DocumentView>(response.Content, GatewayCaller.Json, ct))!;
    }

    /// <summary>Where the browser views a file's document: the portal relays it (the person's token never reaches the browser).</summary>
    public static string DocumentLink(Guid fileId, Guid documentId) => $"documents/hardship-files/{fileId}/{documentId}";

    /// <summary>Grants aid; the request id makes a second click (or a retry) answer the same grant.</summary>
    public Task<GrantView> GrantAsync(Guid fileId, GrantAid grant, CancellationToken ct = default) =>
        api.PostAsync<GrantView>(Service, $"{Api}/hardship-files/{fileId}/grants", grant, ct);
}

public sealed record GrantAid(Guid RequestId, string? Type, decimal? Amount, decimal? OutOfPocketCost, string? StudyLevel);

public sealed record OpenFile(Guid? MemberId, int? HouseholdSize, decimal? AnnualIncome, decimal? EssentialCosts, IReadOnlyList<string> Causes);
