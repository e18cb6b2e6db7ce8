extern alias gateway;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using UnionPlatform.ServiceDefaults.Security;
using ServicesApiReference = gateway::UnionPlatform.Gateway.ServicesApiReference;

namespace UnionPlatform.Gateway.Tests;

/// <summary>What a client sees through the gateway when a service answers early, refuses, or is gone.</summary>
public class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    // Large enough that neither side's socket buffers can swallow it (2 MB passed where 40 MB failed).
    private const long LargeBody = 40L * 1024 * 1024;

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: '{body}'");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> UploadProblem(string path, string contentType, bool chunked, HttpStatusCode status, string? role = UnionRoles.CityAdmin)
    {
        var response = await RawHttp.PostAsync(fixture.Address, path, contentType, LargeBody, chunked,
            role is null ? null : MembershipOnKestrel.Token([role], null));
        Assert.True((int)status == response.Status, $"expected {(int)status}, got {response.Status}: '{response.Body}'");
        if (status == HttpStatusCode.Unauthorized) return default;
        Assert.Equal("application/problem+json", response.ContentType);
        return JsonDocument.Parse(response.Body).RootElement;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_over_the_limit_gets_the_413_problem_not_a_502(bool chunked)
    {
        await UploadProblem("/membership/api/members", "application/json", chunked, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_service_answering_before_it_reads_a_large_body_is_heard_through_the_gateway(bool chunked)
    {
        var unknownUnion = $"/membership/api/unions/{Guid.NewGuid()}/roster";
        await UploadProblem(unknownUnion, "text/csv", chunked, HttpStatusCode.NotFound);
        await UploadProblem(unknownUnion, "application/json", chunked, HttpStatusCode.UnsupportedMediaType);
        await UploadProblem(unknownUnion, "text/csv", chunked, HttpStatusCode.Unauthorized, role: null);
    }

    [Fact]
    public async Task A_service_that_refuses_connections_is_a_503_naming_it_at_once()
    {
        var started = Stopwatch.StartNew();
        var problem = await Problem(await fixture.Client().GetAsync("/hardship/api/hardship-files"), HttpStatusCode.ServiceUnavailable);
        Assert.Contains("hardship aid", problem.GetProperty("title").GetString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_service_that_accepts_and_never_answers_is_a_503_and_then_refused_fast()
    {
        fixture.Hardship.Start();
        fixture.Hardship.BlackHole();
        try
        {
            var client = fixture.Client();
            var first = Stopwatch.StartNew();
            await Problem(await client.GetAsync("/hardship/api/hardship-files"), HttpStatusCode.ServiceUnavailable);
            Assert.True(first.Elapsed < TimeSpan.FromSeconds(10), $"the first request took {first.Elapsed}");
            // Once the probe has found it dead, nobody waits for the timeout any more.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var attempt = Stopwatch.StartNew();
                var response = await client.GetAsync("/hardship/api/hardship-files");
                await Problem(response, HttpStatusCode.ServiceUnavailable);
                if (attempt.Elapsed < TimeSpan.FromSeconds(1)) break;
                Assert.True(DateTime.UtcNow < deadline, "the gateway never took the silent service out");
            }
        }
        finally { fixture.Hardship.Stop(); }
    }

    [Fact]
    public async Task The_gateway_page_links_the_api_reference_and_health()
    {
        var page = await fixture.Client(role: null).GetStringAsync("/gateway");
        Assert.Contains("href=\"/scalar\"", page);
        Assert.Contains("href=\"/health\"", page);
    }

    [Fact]
    public void The_api_reference_opens_on_membership()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(GatewaySettings()).Build();
        var documents = ServicesApiReference.ServiceDocuments(configuration);
        Assert.Equal(["membership", "hardship", "identity"], documents.Select(d => d.Name));
    }

    // The test output holds Membership's appsettings.json as well; read the gateway's own from the source tree.
    private static string GatewaySettings()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "services", "Gateway", "appsettings.json")))
                return Path.Combine(dir.FullName, "services", "Gateway", "appsettings.json");
        throw new FileNotFoundException("services/Gateway/appsettings.json above " + AppContext.BaseDirectory);
    }

}
