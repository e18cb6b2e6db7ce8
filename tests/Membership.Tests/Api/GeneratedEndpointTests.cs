using System.Text.Json.Nodes;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.Kernel.Identifiers;
using UnionPlatform.Testing;
using UnionPlatform.Testing.Endpoints;

namespace UnionPlatform.Membership.Tests.Api;

/// <summary>
/// The role × district matrix and the fuzz test over every endpoint the service maps, generated from its route table
/// and OpenAPI document. An endpoint added tomorrow is checked tomorrow; one with a route value this class cannot
/// supply fails loudly until a record of the right kind is added below.
/// </summary>
public class GeneratedEndpointTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private Guid _union, _enterprise;

    // Valid values by body field name, so the fuzzer's one junk field is all that is wrong with a body.
    private JsonNode? Sample(string field) => field switch
    {
        "nationalId" => World.NewNationalId(),
        "name" => "张三",
        "phone" => "13800138000",
        "creditCode" => SocialCreditCode.Create($"91320102MA{Random.Shared.Next(1_000_000, 9_999_999)}"),
        "districtId" => RoleMatrix.RecordDistrict,
        "industry" => "Manufacturing",
        "headcount" => 10,
        "unionId" or "intoId" => _union.ToString(),
        "enterpriseId" => _enterprise.ToString(),
        "kind" => "Grassroots",
        "termYears" => 3,
        "paidThrough" => DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM-dd"),
        "diedOn" => DateTime.UtcNow.ToString("yyyy-MM-dd"),
        _ => null,
    };

    private async Task<Func<ApiEndpoint, string, string>> RecordsOfGulouAsync()
    {
        var gulou = await GulouRecords.CreateAsync(app.Admin());
        (_union, _enterprise) = (gulou.Union, gulou.Enterprise);
        return gulou.RouteValue;
    }

    [Fact]
    public async Task Every_endpoint_follows_the_role_and_district_rule() =>
        await GeneratedChecks.AccessRuleHoldsAsync(app, await RecordsOfGulouAsync(), atLeast: 30);

    [Fact]
    public async Task No_input_gives_a_5xx_and_every_refusal_is_a_problem_details() =>
        await GeneratedChecks.FuzzHoldsAsync(app, await RecordsOfGulouAsync(), Sample);
}
