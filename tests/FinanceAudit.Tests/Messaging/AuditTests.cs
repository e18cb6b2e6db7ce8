using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.FinanceAudit.Api;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.FinanceAudit.Tests.Support;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.FinanceAudit.Tests.Messaging;

/// <summary>The audit rules on payment requests: a Block finding rejects the payment and names itself; a Warn finding lets it go on; findings are resolved once.</summary>
public class AuditTests(FinanceApp app) : IClassFixture<FinanceApp>
{
    private readonly Books _books = new(app);

    [Fact]
    public async Task Spending_beyond_the_budget_is_blocked_by_a_finding_the_rejection_names()
    {
        var union = await _books.LedgerAsync("gulou");
        await _books.BudgetAsync(union, 100m);
        var request = Books.Request(union, 100.01m);
        await app.PublishAsync(request);
        var payment = await _books.SettledAsync(request.PaymentRequestId);

        var finding = await app.WithDbAsync(db => db.Findings.AsNoTracking().SingleAsync(f => f.PaymentRequestId == request.PaymentRequestId));
        Assert.Equal(("FIN-BUDGET-OVER", Severity.Block, "HardshipAid", "PaymentRequest"), (finding.RuleId, finding.Severity, finding.OwningService, finding.EntityType));
        Assert.Contains("工会预算管理办法", finding.RuleSource);
        Assert.Equal(finding.Id, payment.AuditFindingId);
        var rejected = Assert.Single(await app.OutboxAsync("PaymentRejected", request.PaymentRequestId));
        Assert.Equal(finding.Id, rejected.GetProperty("auditFindingId").GetGuid());
        var raised = Assert.Single(await app.OutboxAsync("AuditFindingRaised", request.PaymentRequestId));
        Assert.Equal(("FIN-BUDGET-OVER", "Block"), (raised.GetProperty("ruleId").GetString(), raised.GetProperty("severity").GetString()));
    }

    [Fact]
    public async Task The_same_payee_paid_the_same_again_is_a_warning_and_the_payment_goes_on()
    {
        var union = await _books.LedgerAsync("gulou");
        await _books.BudgetAsync(union, 10_000m);
        var first = Books.Request(union, 800m);
        await app.PublishAsync(first);
        await _books.SettledAsync(first.PaymentRequestId);
        var again = Books.Request(union, 800m) with { PayeeMemberId = first.PayeeMemberId };
        await app.PublishAsync(again);

        Assert.Equal(PaymentState.Posted, (await _books.SettledAsync(again.PaymentRequestId)).State);
        var finding = await app.WithDbAsync(db => db.Findings.AsNoTracking().SingleAsync(f => f.PaymentRequestId == again.PaymentRequestId));
        Assert.Equal(("FIN-DUPLICATE", Severity.Warn, FindingState.Open), (finding.RuleId, finding.Severity, finding.State));
        Assert.Contains(first.PaymentRequestId.ToString(), finding.Detail);
        Assert.DoesNotContain(first.PayeeMemberId.ToString(), finding.Detail);
    }

    [Fact]
    public async Task Payments_split_under_the_approval_threshold_are_a_warning()
    {
        var union = await _books.LedgerAsync("gulou");
        await _books.BudgetAsync(union, 20_000m);
        var payee = Guid.NewGuid();
        var parts = new[] { 3_000m, 2_999m }.Select(a => Books.Request(union, a, purpose: "HardshipMedical") with { PayeeMemberId = payee }).ToList();
        foreach (var part in parts)
        {
            await app.PublishAsync(part);
            await _books.SettledAsync(part.PaymentRequestId);
        }
        var findings = await app.WithDbAsync(db => db.Findings.AsNoTracking().Where(f => f.PaymentRequestId == parts[1].PaymentRequestId).ToListAsync());
        Assert.Equal("FIN-SPLIT", Assert.Single(findings).RuleId); // 5,999 in two payments, over the 5,000 threshold
        Assert.Empty(await app.WithDbAsync(db => db.Findings.AsNoTracking().Where(f => f.PaymentRequestId == parts[0].PaymentRequestId).ToListAsync()));
    }

    [Fact]
    public async Task A_finding_is_resolved_once_with_a_note_and_its_district_alone_sees_it()
    {
        var union = await _books.LedgerAsync("gulou");
        var request = Books.Request(union, 10m); // no budget: blocked
        await app.PublishAsync(request);
        var finding = (await _books.SettledAsync(request.PaymentRequestId)).AuditFindingId!.Value;

        using var other = app.ClientAs(UnionRoles.DistrictStaff, "xuanwu");
        await Books.Problem(await other.GetAsync($"/api/audit-findings/{finding}"), HttpStatusCode.NotFound);
        using var own = app.ClientAs(UnionRoles.DistrictStaff, "gulou");
        var open = await Books.Read<Paged<FindingView>>(await own.GetAsync("/api/audit-findings?state=Open&ruleId=FIN-BUDGET-NONE"));
        Assert.Contains(open.Items, f => f.Id == finding);

        var missing = await Books.Problem(await own.PostAsJsonAsync($"/api/audit-findings/{finding}/resolution", new ResolveFinding(null, "")), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("resolution", out _) && missing.GetProperty("errors").TryGetProperty("note", out _));
        var resolved = await Books.Read<FindingView>(await own.PostAsJsonAsync($"/api/audit-findings/{finding}/resolution",
            new ResolveFinding(Resolution.PaymentVoided, "预算下达后重新申请")));
        Assert.Equal((FindingState.Resolved, Resolution.PaymentVoided), (resolved.State, resolved.Resolution));
        await Books.Problem(await own.PostAsJsonAsync($"/api/audit-findings/{finding}/resolution", new ResolveFinding(Resolution.Withdrawn, "again")), HttpStatusCode.Conflict);
        var published = Assert.Single(await app.OutboxAsync("AuditFindingResolved", request.PaymentRequestId));
        Assert.Equal("PaymentVoided", published.GetProperty("resolution").GetString());
        using var auditor = app.ClientAs(UnionRoles.Auditor);
        await Books.Problem(await auditor.PostAsJsonAsync($"/api/audit-findings/{finding}/resolution", new ResolveFinding(Resolution.Withdrawn, "x")), HttpStatusCode.Forbidden);
    }
}
