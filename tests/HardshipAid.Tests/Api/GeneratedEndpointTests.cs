using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using System.Text.Json.Nodes;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;
using UnionPlatform.Testing;
using UnionPlatform.Testing.Endpoints;

namespace UnionPlatform.HardshipAid.Tests.Api;

/// <summary>
/// The role × district matrix and the fuzz test over every endpoint the service maps, generated from its route table
/// and OpenAPI document (see Membership's twin for the rules).
/// </summary>
public class GeneratedEndpointTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);
    private Guid _member;

    private JsonNode? Sample(string field) => field switch
    {
        "memberId" => _member.ToString(),
        "householdSize" => 3,
        "annualIncome" => 27_000,
        "essentialCosts" => 3_000,
        "causes" => new JsonArray("Illness"),
        "visitedOn" or "consentSignedOn" => Hardship.Today.ToString("yyyy-MM-dd"),
        "effectiveFrom" => Hardship.Today.AddDays(30).ToString("yyyy-MM-dd"),
        "districtId" => RoleMatrix.RecordDistrict,
        "amount" => 100,
        "type" => "Employment",
        "reason" => "MembershipEnded",
        _ => null,
    };

    private async Task<Func<ApiEndpoint, string, string>> RecordsOfGulouAsync()
    {
        var file = await _hardship.FileAsync(RoleMatrix.RecordDistrict);
        var grant = await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants",
            new GrantAid(null, AidType.Employment, 100m, null, null)));
        _member = await _hardship.MemberAsync(RoleMatrix.RecordDistrict);
        // Overdue work in both districts, so the overdue list has something to show and something to hide.
        foreach (var district in new[] { RoleMatrix.RecordDistrict, RoleMatrix.OtherDistrict })
        {
            var late = await _hardship.FileAsync(district, FileState.Submitted);
            await app.WithDbAsync(db => db.Files.Where(f => f.Id == late.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.SurveyDueOn, Hardship.Today.AddDays(-2))));
        }
        var other = await _hardship.FileAsync(RoleMatrix.OtherDistrict);
        await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{other.Id}/grants", new GrantAid(null, AidType.Employment, 100m, null, null));
        return (endpoint, parameter) => (endpoint.Route, parameter) switch
        {
            (var route, "id") when route.StartsWith("/api/hardship-files", StringComparison.Ordinal) => file.Id.ToString(),
            (var route, "id") when route.StartsWith("/api/aid-grants", StringComparison.Ordinal) => grant.Id.ToString(),
            (_, "fileId") => file.Id.ToString(),
            (_, "documentId") => file.ConsentDocumentId!.Value.ToString(),
            (_, "queue") => "hardship-member-joined-eligibility",
            _ => throw new InvalidOperationException($"No {RoleMatrix.RecordDistrict} record for {{{parameter}}} in {endpoint}: add one in {nameof(RecordsOfGulouAsync)}."),
        };
    }

    [Fact]
    public async Task Every_endpoint_follows_the_role_and_district_rule() =>
        await GeneratedChecks.AccessRuleHoldsAsync(app, await RecordsOfGulouAsync(), atLeast: 20);

    [Fact]
    public async Task No_input_gives_a_5xx_and_every_refusal_is_a_problem_details() =>
        await GeneratedChecks.FuzzHoldsAsync(app, await RecordsOfGulouAsync(), Sample);
}
