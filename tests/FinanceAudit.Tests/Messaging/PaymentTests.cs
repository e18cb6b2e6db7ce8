using Microsoft.EntityFrameworkCore;
using UnionPlatform.Contracts.HardshipAid;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.FinanceAudit.Tests.Support;

namespace UnionPlatform.FinanceAudit.Tests.Messaging;

/// <summary>HardshipAid's payment requests on the real broker: reserved, posted and answered, or rejected with the reason.</summary>
public class PaymentTests(FinanceApp app) : IClassFixture<FinanceApp>
{
    private readonly Books _books = new(app);

    [Fact]
    public async Task A_request_within_budget_is_posted_once_and_answered_with_the_transaction()
    {
        var union = await _books.LedgerAsync("gulou");
        await _books.BudgetAsync(union, 10_000m);
        var request = Books.Request(union, 1_234.56m);
        await app.PublishAsync(request);

        var payment = await _books.SettledAsync(request.PaymentRequestId);
        Assert.Equal((PaymentState.Posted, BudgetLine.HardshipAid), (payment.State, payment.Line));
        var posted = Assert.Single(await app.OutboxAsync("PaymentPosted", request.PaymentRequestId));
        Assert.Equal(payment.TransactionId, posted.GetProperty("ledgerEntryId").GetGuid());
        Assert.Equal(1_234.56m, posted.GetProperty("amount").GetDecimal());
        foreach (var secret in new[] { "payee", request.PayeeMemberId.ToString() }) Assert.DoesNotContain(secret, posted.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var budget = await app.WithDbAsync(db => db.Budgets.AsNoTracking().SingleAsync(b => b.OrganisationId == union));
        Assert.Equal((10_000m, 0m, 1_234.56m), (budget.Amount, budget.Reserved, budget.Spent));
        var entries = await app.WithDbAsync(db => db.Entries.AsNoTracking().Where(e => e.TransactionId == payment.TransactionId).ToListAsync());
        Assert.Equal([(AccountKind.HardshipAid, Side.Debit, 1_234.56m), (AccountKind.Bank, Side.Credit, 1_234.56m)],
            entries.OrderBy(e => e.Line).Select(e => (e.Account, e.Side, e.Amount)));
    }

    [Fact]
    public async Task Requests_without_a_budget_or_beyond_it_are_rejected_with_the_reason_and_nothing_is_reserved()
    {
        var union = await _books.LedgerAsync("gulou");
        var noBudget = Books.Request(union, 100m);
        var noLedger = Books.Request(Guid.NewGuid(), 100m);
        await app.PublishAsync(noBudget);
        await app.PublishAsync(noLedger);
        Assert.Equal("NoBudget", (await _books.SettledAsync(noBudget.PaymentRequestId)).ReasonCode);
        Assert.Equal("NoBudget", (await _books.SettledAsync(noLedger.PaymentRequestId)).ReasonCode);

        await _books.BudgetAsync(union, 500m);
        var over = Books.Request(union, 500.01m);
        await app.PublishAsync(over);
        var rejected = await _books.SettledAsync(over.PaymentRequestId);
        Assert.Equal(("OverBudget", PaymentState.Rejected), (rejected.ReasonCode, rejected.State));
        Assert.Contains("500.00 left", rejected.ReasonText);
        var reply = Assert.Single(await app.OutboxAsync("PaymentRejected", over.PaymentRequestId));
        Assert.Equal("OverBudget", reply.GetProperty("reasonCode").GetString());
        var budget = await app.WithDbAsync(db => db.Budgets.AsNoTracking().SingleAsync(b => b.OrganisationId == union));
        Assert.Equal((0m, 0m), (budget.Reserved, budget.Spent));
    }

    [Fact]
    public async Task The_same_500_requests_delivered_ten_times_at_once_are_each_paid_exactly_once_to_the_cent()
    {
        var union = await _books.LedgerAsync("xuanwu");
        await _books.BudgetAsync(union, 1_000_000m);
        var random = new Random(20261201);
        var requests = Enumerable.Range(0, 500).Select(_ => Books.Request(union, random.Next(100, 100_000) / 100m, "xuanwu")).ToList();
        var before = app.Consumed.Of<PaymentRequested>();

        // Ten copies of each (each its own transport message, as a redelivery or a second publisher would make), all at once.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            foreach (var request in requests) await app.PublishAsync(request);
        })));
        await FinanceApp.EventuallyAsync(() => Task.FromResult(app.Consumed.Of<PaymentRequested>() - before >= 5_000), "all 5,000 deliveries are handled", seconds: 240);

        var ids = requests.Select(r => r.PaymentRequestId).ToList();
        var total = requests.Sum(r => r.Amount);
        var payments = await app.WithDbAsync(db => db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync());
        Assert.Equal(500, payments.Count(p => p.State == PaymentState.Posted));
        var transactions = await app.WithDbAsync(db => db.Transactions.AsNoTracking().Where(t => t.PaymentRequestId != null && ids.Contains(t.PaymentRequestId.Value)).CountAsync());
        Assert.Equal(500, transactions);
        var debited = await app.WithDbAsync(db => db.Entries.AsNoTracking()
            .Where(e => e.Account == AccountKind.HardshipAid && e.Side == Side.Debit && db.Transactions.Any(t => t.Id == e.TransactionId && t.OrganisationId == union))
            .SumAsync(e => e.Amount));
        Assert.Equal(total, debited);
        var budget = await app.WithDbAsync(db => db.Budgets.AsNoTracking().SingleAsync(b => b.OrganisationId == union));
        Assert.Equal((0m, total), (budget.Reserved, budget.Spent));
        var keys = ids.Select(i => i.ToString()).ToList();
        var replies = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().CountAsync(m => keys.Contains(m.PartitionKey!)));
        Assert.Equal(500, replies); // one PaymentPosted per request, no rejection
    }

    [Fact]
    public async Task A_crash_between_the_reserve_and_the_post_ends_in_exactly_one_posting()
    {
        var union = await _books.LedgerAsync("gulou");
        await _books.BudgetAsync(union, 1_000m);
        var request = Books.Request(union, 300m);
        app.Faults.Arm(request.PaymentRequestId);
        var fired = app.Faults.Fired;
        await app.PublishAsync(request);

        var payment = await _books.SettledAsync(request.PaymentRequestId);
        Assert.Equal(fired + 1, app.Faults.Fired); // it did crash, once, with the reservation committed
        Assert.Equal(PaymentState.Posted, payment.State);
        Assert.Single(await app.OutboxAsync("PaymentPosted", request.PaymentRequestId));
        Assert.Equal(1, await app.WithDbAsync(db => db.Transactions.CountAsync(t => t.PaymentRequestId == request.PaymentRequestId)));
        var budget = await app.WithDbAsync(db => db.Budgets.AsNoTracking().SingleAsync(b => b.OrganisationId == union));
        Assert.Equal((0m, 300m), (budget.Reserved, budget.Spent));
    }

    [Fact]
    public async Task A_dissolved_union_takes_no_more_payments()
    {
        var union = await _books.LedgerAsync("gulou");
        await _books.BudgetAsync(union, 1_000m);
        await app.PublishAsync(new OrganisationDissolved
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "gulou", CorrelationId = Guid.NewGuid(),
            OrganisationId = union, Outcome = "Dissolved",
        });
        await FinanceApp.EventuallyAsync(() => app.WithDbAsync(db => db.Ledgers.AnyAsync(l => l.OrganisationId == union && l.State == LedgerState.Closed)), "the ledger closed");
        var request = Books.Request(union, 10m);
        await app.PublishAsync(request);
        Assert.Equal("NoBudget", (await _books.SettledAsync(request.PaymentRequestId)).ReasonCode);
    }
}
