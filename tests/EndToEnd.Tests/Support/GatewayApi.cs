using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace UnionPlatform.EndToEnd.Tests.Support;

// What the tests read back through the gateway: the services' views, enums as strings (as on the wire).
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
public sealed record OrganisationView(Guid Id, string Name, string Kind, Guid? ParentId, string DistrictId, string State, int TermYears);
public sealed record EnterpriseView(Guid Id, string CreditCode, string Name, string DistrictId, string Industry, int Headcount, Guid? UnionId);
public sealed record MemberView(Guid Id, string NationalIdMasked, string Name, string DistrictId, Guid UnionId, Guid? EnterpriseId,
    string Status, DateOnly AppliedOn, DateOnly? JoinedOn);
public sealed record CoverageFigures(string Scope, string Month, long Enterprises, long CoveredEnterprises, long Employees,
    long CoveredEmployees, long Members);
public sealed record CoverageReport(string Month, CoverageFigures? City, IReadOnlyList<CoverageFigures> Districts)
{
    public CoverageFigures District(string districtId) =>
        Districts.SingleOrDefault(d => d.Scope == districtId) ?? throw new InvalidOperationException($"No coverage for district '{districtId}'.");
}

/// <summary>Calls through the gateway that fail with the status and body when the answer is not the expected one.</summary>
public static class GatewayApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> GetAsync<T>(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync<T>(response, HttpStatusCode.OK);
    }

    public static async Task<T> PostAsync<T>(this HttpClient client, string path, object? body, HttpStatusCode expected)
    {
        using var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body, Json);
        return await ReadAsync<T>(response, expected);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected} {expected}, "
                        + $"got {(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<T>(Json) ?? throw new InvalidOperationException("The answer had no body.");
    }

    /// <summary>Polls until <paramref name="condition"/> holds for what <paramref name="read"/> returns: read models follow events.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read();
            if (condition(value)) return value;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Not within {within.TotalSeconds:F0} s: {what}. Last seen: {JsonSerializer.Serialize(value, Json)}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
