using System.Net.Http.Json;
using System.Text.Json.Nodes;
using UnionPlatform.FinanceAudit.Api;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.FinanceAudit.Tests.Support;
using UnionPlatform.Testing;
using UnionPlatform.Testing.Endpoints;

namespace UnionPlatform.FinanceAudit.Tests.Api;

/// <summary>The role × district matrix and the fuzz test over every endpoint the service maps, generated from its route table and OpenAPI document.</summary>
public class GeneratedEndpointTests(FinanceApp app) : IClassFixture<FinanceApp>
{
    private readonly Books _books = new(app);

    private static JsonNode? Sample(string field) => field switch
    {
        "kind" => "Dues",
        "amount" => 100,
        "receivedOn" => UnionPlatform.Kernel.BusinessCalendar.Today(TimeProvider.System).ToString("yyyy-MM-dd"),
        "memo" or "reason" or "note" => "测试",
        "resolution" => "Justified",
        _ => null,
    };

    /// <summary>A gulou ledger with income, a budget and a posted payment, and the same in the other district, so lists have both to show and to hide.</summary>
    private async Task<Func<ApiEndpoint, string, string>> RecordsOfGulouAsync()
    {
        var today = UnionPlatform.Kernel.BusinessCalendar.Today(TimeProvider.System);
        Guid union = default, income = default, payment = default, finding = default;
        foreach (var district in new[] { RoleMatrix.OtherDistrict, RoleMatrix.RecordDistrict })
        {
            union = await _books.LedgerAsync(district);
            income = (await Books.Read<TransactionView>(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/income",
                new RecordIncome(IncomeKind.Dues, 1_000m, today, null)))).Id;
            await _books.BudgetAsync(union, 1_000_000m);
            await _books.BudgetAsync(union, 1_000m, BudgetLine.Activities);
            var request = Books.Request(union, 10m, district);
            await app.PublishAsync(request);
            payment = (await _books.SettledAsync(request.PaymentRequestId)).Id;
            // A lawyer's fee beyond the legal-aid line: blocked, with a finding to list, show and resolve.
            var overBudget = Books.Request(union, 5_000m, district, purpose: "LawyerFee");
            await _books.BudgetAsync(union, 10m, BudgetLine.LegalAid);
            await app.PublishAsync(overBudget);
            finding = (await _books.SettledAsync(overBudget.PaymentRequestId)).AuditFindingId!.Value;
        }
        return (endpoint, parameter) => (endpoint.Route, parameter) switch
        {
            (_, "organisationId") => union.ToString(),
            (_, "transactionId") => income.ToString(),
            (_, "year") => Books.Year.ToString(),
            (_, "line") => "Activities",
            (var route, "id") when route.StartsWith("/api/payments", StringComparison.Ordinal) => payment.ToString(),
            (var route, "id") when route.StartsWith("/api/audit-findings", StringComparison.Ordinal) => finding.ToString(),
            (_, "queue") => "finance-payment-requested",
            _ => throw new InvalidOperationException($"No {RoleMatrix.RecordDistrict} record for {{{parameter}}} in {endpoint}: add one in {nameof(RecordsOfGulouAsync)}."),
        };
    }

    [Fact]
    public async Task Every_endpoint_follows_the_role_and_district_rule() =>
        await GeneratedChecks.AccessRuleHoldsAsync(app, await RecordsOfGulouAsync(), atLeast: 10);

    [Fact]
    public async Task No_input_gives_a_5xx_and_every_refusal_is_a_problem_details() =>
        await GeneratedChecks.FuzzHoldsAsync(app, await RecordsOfGulouAsync(), Sample);
}
