using CsCheck;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.Kernel;

namespace UnionPlatform.FinanceAudit.Tests.Domain;

public class LedgerTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static Ledger Open() => Ledger.Open(Guid.NewGuid(), "gulou", "测试工会", Now);

    private static LedgerTransaction Income(Ledger ledger, decimal amount) => LedgerTransaction.Record(Guid.NewGuid(), ledger, TransactionKind.Income, Today, Now, "dues",
        [new Posting(AccountKind.Bank, Side.Debit, amount), new Posting(AccountKind.DuesIncome, Side.Credit, amount)]);

    [Fact]
    public void A_transaction_balances_or_is_refused()
    {
        var ledger = Open();
        Assert.Equal(100m, Income(ledger, 100m).Total);
        Assert.Throws<DomainException>(() => LedgerTransaction.Record(Guid.NewGuid(), ledger, TransactionKind.Income, Today, Now, "x",
            [new Posting(AccountKind.Bank, Side.Debit, 100m), new Posting(AccountKind.DuesIncome, Side.Credit, 99.99m)]));
        Assert.Throws<DomainException>(() => LedgerTransaction.Record(Guid.NewGuid(), ledger, TransactionKind.Income, Today, Now, "x",
            [new Posting(AccountKind.Bank, Side.Debit, 0.001m), new Posting(AccountKind.DuesIncome, Side.Credit, 0.001m)]));
        Assert.Throws<DomainException>(() => LedgerTransaction.Record(Guid.NewGuid(), ledger, TransactionKind.Income, Today, Now, "x",
            [new Posting(AccountKind.Bank, Side.Debit, 5m)]));
        ledger.Close(Now);
        Assert.Equal("Closed", Assert.Throws<DomainException>(() => Income(ledger, 1m)).CurrentState);
    }

    [Fact]
    public void Each_transaction_is_a_link_of_its_ledgers_chain_and_a_change_breaks_it_there()
    {
        var ledger = Open();
        var books = Enumerable.Range(1, 4).Select(n => Income(ledger, n * 10m)).ToList();
        Assert.Equal([1L, 2, 3, 4], books.Select(t => t.Sequence));
        Assert.Equal(LedgerChain.Genesis, books[0].PreviousHash);
        Assert.Equal(books[1].ChainHash, books[2].PreviousHash);
        Assert.Equal((4L, books[3].ChainHash), (ledger.ChainLength, ledger.ChainHead));

        // The same content gives the same hash; any changed field or amount does not.
        Assert.Equal(books[2].ChainHash, LedgerChain.Hash(books[1].ChainHash, books[2]));
        var forged = Income(Open(), 30m);
        Assert.NotEqual(LedgerChain.Hash(books[1].ChainHash, books[2]), LedgerChain.Hash(books[1].ChainHash, forged));

        var state = ChainState.Start;
        Assert.Null(LedgerChain.Verify(books, ref state));
        state = ChainState.Start;
        var gap = LedgerChain.Verify([books[0], books[2], books[3]], ref state);
        Assert.Equal((2L, books[2].Id), (gap!.Sequence, gap.TransactionId));
        state = ChainState.Start;
        LedgerChain.Verify(books.Take(3), ref state);
        Assert.NotNull(LedgerChain.VerifyHead(ledger, state)); // the last one removed
    }

    [Fact]
    public void A_reversal_mirrors_the_transaction_once_and_is_not_reversed_itself()
    {
        var ledger = Open();
        var original = Income(ledger, 250m);
        var reversal = original.Reverse(Guid.NewGuid(), ledger, Today, Now, "entered twice", "staff-1");
        Assert.Equal((TransactionKind.Reversal, original.Id), (reversal.Kind, reversal.ReversesId));
        Assert.Equal([(AccountKind.Bank, Side.Credit, 250m), (AccountKind.DuesIncome, Side.Debit, 250m)],
            reversal.Entries.Select(e => (e.Account, e.Side, e.Amount)));
        Assert.Throws<DomainException>(() => reversal.Reverse(Guid.NewGuid(), ledger, Today, Now, "again", null));
        Assert.Throws<DomainException>(() => original.Reverse(Guid.NewGuid(), ledger, Today.AddDays(-1), Now, "backdated", null));
    }

    [Fact]
    public void A_budget_reserves_posts_and_voids_within_its_amount_and_is_adjusted_once_a_year()
    {
        var budget = Budget.Set(Open(), 2026, BudgetLine.HardshipAid, 1_000m);
        budget.Reserve(600m);
        var over = Assert.Throws<OverBudgetException>(() => budget.Reserve(400.01m));
        Assert.Equal((BudgetLine.HardshipAid, 400m), (over.Line, over.Left));
        budget.Post(600m);
        budget.Reserve(100m);
        budget.Void(100m);
        Assert.Equal((0m, 600m, 400m), (budget.Reserved, budget.Spent, budget.Left));

        Assert.Throws<DomainException>(() => budget.Adjust(599m, "cut", Today)); // below what is spent
        budget.Adjust(1_500m, "more households filed", Today);
        Assert.Equal("Adjusted", Assert.Throws<DomainException>(() => budget.Adjust(2_000m, "again", Today)).CurrentState);
    }

    [Fact]
    public void A_payment_is_posted_from_its_reservation_only()
    {
        var ledger = Open();
        var budget = Budget.Set(ledger, 2026, BudgetLine.HardshipAid, 1_000m);
        var order = new PaymentOrder(Guid.NewGuid(), "HardshipMedical", Guid.NewGuid(), ledger.OrganisationId, "gulou", 300m, Guid.NewGuid());
        var payment = Payment.Reserve(order, budget, Now);
        var transaction = payment.Post(Guid.NewGuid(), ledger, budget, Today, Now);
        Assert.Equal((PaymentState.Posted, transaction.Id, order.RequestId), (payment.State, payment.TransactionId, transaction.PaymentRequestId));
        Assert.Equal((0m, 300m), (budget.Reserved, budget.Spent));
        Assert.Throws<DomainException>(() => payment.Post(Guid.NewGuid(), ledger, budget, Today, Now));
        Assert.Throws<DomainException>(() => transaction.Reverse(Guid.NewGuid(), ledger, Today, Now, "paid", null));
    }

    /// <summary>Random income, payments and reversals: every transaction balances and the trial balance nets to zero.</summary>
    [Fact]
    public void Any_mix_of_transactions_and_reversals_leaves_the_books_balanced()
    {
        var cents = Gen.Int[1, 5_000_000];
        var step = Gen.Select(Gen.Int[0, 2], cents, Gen.Int[1, 4], Gen.Bool);
        step.List[1, 40].Sample(steps =>
        {
            var ledger = Open();
            var budget = Budget.Set(ledger, 2026, BudgetLine.Activities, LedgerTransaction.MaxAmount);
            var books = new List<LedgerTransaction>();
            foreach (var (kind, amountCents, parts, reverse) in steps)
            {
                var amount = amountCents / 100m;
                LedgerTransaction t = kind switch
                {
                    0 => Income(ledger, amount),
                    1 => Payment.Reserve(new PaymentOrder(Guid.NewGuid(), "Prize", Guid.NewGuid(), ledger.OrganisationId, "gulou", amount, Guid.NewGuid()), budget, Now)
                        .Post(Guid.NewGuid(), ledger, budget, Today, Now),
                    _ => Split(ledger, amount, parts),
                };
                books.Add(t);
                if (reverse && t.Kind != TransactionKind.Payment) books.Add(t.Reverse(Guid.NewGuid(), ledger, Today, Now, "mistake", null));
            }
            Assert.All(books, t => Assert.Equal(t.Entries.Where(e => e.Side == Side.Debit).Sum(e => e.Amount), t.Entries.Where(e => e.Side == Side.Credit).Sum(e => e.Amount)));
            Assert.Equal(0m, books.SelectMany(t => t.Entries).Sum(e => e.Side == Side.Debit ? e.Amount : -e.Amount));
            var state = ChainState.Start;
            Assert.Null(LedgerChain.Verify(books, ref state));
            Assert.Null(LedgerChain.VerifyHead(ledger, state));
        }, iter: 300);
    }

    // One debit to bank against the amount split over up to four income accounts, to the cent.
    private static LedgerTransaction Split(Ledger ledger, decimal amount, int parts)
    {
        var cents = (long)(amount * 100);
        parts = (int)Math.Min(parts, cents);
        var postings = new List<Posting> { new(AccountKind.Bank, Side.Debit, amount) };
        AccountKind[] incomes = [AccountKind.AllocationIncome, AccountKind.DuesIncome, AccountKind.Subsidies, AccountKind.AllocationIncome];
        for (var i = 0; i < parts; i++)
        {
            var share = i == parts - 1 ? cents - cents / parts * (parts - 1) : cents / parts;
            postings.Add(new Posting(incomes[i], Side.Credit, share / 100m));
        }
        return LedgerTransaction.Record(Guid.NewGuid(), ledger, TransactionKind.Income, Today, Now, "split", postings);
    }
}
