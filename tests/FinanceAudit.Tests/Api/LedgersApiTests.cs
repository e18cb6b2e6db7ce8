using System.Net;
using System.Net.Http.Json;
using Npgsql;
using UnionPlatform.FinanceAudit.Api;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.FinanceAudit.Tests.Support;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.FinanceAudit.Tests.Api;

public class LedgersApiTests(FinanceApp app) : IClassFixture<FinanceApp>
{
    private readonly Books _books = new(app);
    private static DateOnly Today => UnionPlatform.Kernel.BusinessCalendar.Today(TimeProvider.System);

    [Fact]
    public async Task Income_and_payments_show_in_the_balances_and_the_trial_balance_balances()
    {
        var union = await _books.LedgerAsync("gulou");
        await Books.Read<TransactionView>(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/income", new RecordIncome(IncomeKind.Allocation, 8_000m, Today, "2% 拨缴")));
        await Books.Read<TransactionView>(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/income", new RecordIncome(IncomeKind.Dues, 450.50m, Today, null)));
        await _books.BudgetAsync(union, 5_000m);
        var request = Books.Request(union, 1_200m);
        await app.PublishAsync(request);
        await _books.SettledAsync(request.PaymentRequestId);

        var detail = await Books.Read<LedgerDetail>(await _books.Admin.GetAsync($"/api/ledgers/{union}"));
        var balances = detail.Balances.ToDictionary(b => b.Account);
        Assert.Equal(8_000m + 450.50m - 1_200m, balances[AccountKind.Bank].Balance);
        Assert.Equal(("4011", "拨缴经费收入", 8_000m), (balances[AccountKind.AllocationIncome].Code, balances[AccountKind.AllocationIncome].Name, balances[AccountKind.AllocationIncome].Balance));
        Assert.Equal(1_200m, balances[AccountKind.HardshipAid].Balance);

        var trial = await Books.Read<TrialBalance>(await _books.Admin.GetAsync($"/api/ledgers/{union}/trial-balance"));
        Assert.True(trial.Balanced);
        Assert.Equal(8_000m + 450.50m, trial.TotalDebit); // bank 7,250.50 + hardship aid 1,200
        var statement = await Books.Read<Paged<TransactionView>>(await _books.Admin.GetAsync($"/api/ledgers/{union}/transactions"));
        Assert.Equal(3, statement.Total);
        Assert.Contains(statement.Items, t => t.Kind == TransactionKind.Payment && t.PaymentRequestId == request.PaymentRequestId);
    }

    [Fact]
    public async Task A_mistake_is_reversed_once_and_a_payment_not_at_all()
    {
        var union = await _books.LedgerAsync("gulou");
        var income = await Books.Read<TransactionView>(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/income", new RecordIncome(IncomeKind.Subsidy, 300m, Today, null)));
        using var reversed = await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/transactions/{income.Id}/reversal", new GiveReason("entered twice"));
        var reversal = await Books.Read<TransactionView>(reversed);
        Assert.Equal((income.Id, TransactionKind.Reversal), (reversal.ReversesId, reversal.Kind));
        await Books.Problem(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/transactions/{income.Id}/reversal", new GiveReason("again")), HttpStatusCode.Conflict);
        await Books.Problem(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/transactions/{reversal.Id}/reversal", new GiveReason("back")), HttpStatusCode.Conflict);
        var detail = await Books.Read<LedgerDetail>(await _books.Admin.GetAsync($"/api/ledgers/{union}"));
        Assert.Equal(0m, detail.Balances.Single(b => b.Account == AccountKind.Bank).Balance);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field()
    {
        var union = await _books.LedgerAsync("gulou");
        var income = await Books.Problem(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/income", new RecordIncome(null, 0.001m, Today.AddDays(1), null)), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "kind", "amount", "receivedOn" }) Assert.True(income.GetProperty("errors").TryGetProperty(field, out _), field);
        var budget = await Books.Problem(await _books.Admin.PutAsJsonAsync($"/api/budgets/{union}/1999/Gifts", new SetBudget(null)), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "year", "line", "amount" }) Assert.True(budget.GetProperty("errors").TryGetProperty(field, out _), field);
        await Books.Problem(await _books.Admin.GetAsync($"/api/ledgers/{union}/trial-balance?from={Today:yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}"), HttpStatusCode.BadRequest);
        await Books.Problem(await _books.Admin.GetAsync($"/api/ledgers/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_budget_is_set_once_and_adjusted_once_a_year_with_its_reason()
    {
        var union = await _books.LedgerAsync("gulou");
        await _books.BudgetAsync(union, 2_000m, BudgetLine.Activities);
        await Books.Problem(await _books.Admin.PutAsJsonAsync($"/api/budgets/{union}/{Books.Year}/Activities", new SetBudget(3_000m)), HttpStatusCode.Conflict);
        var adjusted = await Books.Read<BudgetView>(await _books.Admin.PostAsJsonAsync($"/api/budgets/{union}/{Books.Year}/Activities/adjustment",
            new AdjustBudget(2_500m, "劳动竞赛增加")));
        Assert.Equal((2_500m, "劳动竞赛增加"), (adjusted.Amount, adjusted.AdjustmentReason));
        var again = await Books.Problem(await _books.Admin.PostAsJsonAsync($"/api/budgets/{union}/{Books.Year}/Activities/adjustment",
            new AdjustBudget(2_600m, "again")), HttpStatusCode.Conflict);
        Assert.Equal("Adjusted", again.GetProperty("currentState").GetString());
        using var other = app.ClientAs(UnionRoles.DistrictStaff, "xuanwu");
        var listed = await Books.Read<Paged<BudgetView>>(await other.GetAsync($"/api/budgets?organisationId={union}"));
        Assert.Equal(0, listed.Total);
    }

    [Fact]
    public async Task The_database_refuses_an_unbalanced_transaction_and_any_change_to_a_posted_one()
    {
        var union = await _books.LedgerAsync("gulou");
        var income = await Books.Read<TransactionView>(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/income", new RecordIncome(IncomeKind.Dues, 50m, Today, null)));
        await using var connection = new NpgsqlConnection(app.Database);
        await connection.OpenAsync();

        // Behind the service's back: entries that do not balance fail at COMMIT, whoever writes them.
        var unbalanced = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var tx = await connection.BeginTransactionAsync();
            var id = Guid.NewGuid();
            await Execute(connection, $"""
                INSERT INTO ledger_transactions (id, organisation_id, district_id, kind, posted_on, recorded_at, memo)
                VALUES ('{id}', '{union}', 'gulou', 'Income', current_date, now(), 'forged');
                INSERT INTO ledger_entries (transaction_id, line, account, side, amount) VALUES ('{id}', 1, 'Bank', 'Debit', 100), ('{id}', 2, 'DuesIncome', 'Credit', 90);
                """);
            await tx.CommitAsync();
        });
        Assert.Equal((PostgresErrorCodes.CheckViolation, FinanceConstraints.Unbalanced), (unbalanced.SqlState, unbalanced.ConstraintName));

        foreach (var sql in new[]
        {
            $"UPDATE ledger_entries SET amount = 5000 WHERE transaction_id = '{income.Id}'",
            $"DELETE FROM ledger_entries WHERE transaction_id = '{income.Id}'",
            $"UPDATE ledger_transactions SET memo = 'changed' WHERE id = '{income.Id}'",
            $"DELETE FROM ledger_transactions WHERE id = '{income.Id}'",
            "TRUNCATE ledger_entries CASCADE",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, sql));
            Assert.Equal(FinanceConstraints.AppendOnly, refused.ConstraintName);
        }
        var detail = await Books.Read<LedgerDetail>(await _books.Admin.GetAsync($"/api/ledgers/{union}"));
        Assert.Equal(50m, detail.Balances.Single(b => b.Account == AccountKind.Bank).Balance);
    }

    [Fact]
    public async Task The_chain_verifies_and_reports_the_first_link_changed_or_removed_behind_the_services_back()
    {
        var union = await _books.LedgerAsync("gulou");
        var transactions = new List<TransactionView>();
        for (var i = 1; i <= 3; i++)
            transactions.Add(await Books.Read<TransactionView>(await _books.Admin.PostAsJsonAsync($"/api/ledgers/{union}/income", new RecordIncome(IncomeKind.Dues, i * 100m, Today, null))));
        await _books.BudgetAsync(union, 1_000m);
        var request = Books.Request(union, 50m);
        await app.PublishAsync(request);
        await _books.SettledAsync(request.PaymentRequestId);

        var intact = await Books.Read<ChainVerification>(await _books.Admin.GetAsync($"/api/ledgers/{union}/verification"));
        Assert.Equal((true, 4L, (BrokenLink?)null), (intact.Intact, intact.Verified, intact.BrokenAt));

        await using var connection = new NpgsqlConnection(app.Database);
        await connection.OpenAsync();
        // Someone with the database's keys edits the second transaction's amounts (both sides, so it still balances).
        await BehindTheBackAsync(connection, $"UPDATE ledger_entries SET amount = 900 WHERE transaction_id = '{transactions[1].Id}'");
        var changed = await Books.Read<ChainVerification>(await _books.Admin.GetAsync($"/api/ledgers/{union}/verification"));
        Assert.False(changed.Intact);
        Assert.Equal((2L, transactions[1].Id, 1L), (changed.BrokenAt!.Sequence, changed.BrokenAt.TransactionId, changed.Verified));
        Assert.Contains("changed", changed.BrokenAt.Reason);

        await BehindTheBackAsync(connection, $"UPDATE ledger_entries SET amount = 200 WHERE transaction_id = '{transactions[1].Id}'");
        Assert.True((await Books.Read<ChainVerification>(await _books.Admin.GetAsync($"/api/ledgers/{union}/verification"))).Intact); // put back, it holds again
        var last = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Transactions, t => t.PaymentRequestId == request.PaymentRequestId));
        await BehindTheBackAsync(connection, $"""
            UPDATE payments SET transaction_id = NULL, state = 'Reserved' WHERE id = '{request.PaymentRequestId}';
            DELETE FROM ledger_entries WHERE transaction_id = '{last.Id}'; DELETE FROM ledger_transactions WHERE id = '{last.Id}';
            """);
        var removed = await Books.Read<ChainVerification>(await _books.Admin.GetAsync($"/api/ledgers/{union}/verification"));
        Assert.Equal((false, 3L, 4L), (removed.Intact, removed.Verified, removed.BrokenAt!.Sequence));
    }

    /// <summary>Plain SQL as the database owner, with the append-only triggers off for the statement and on again after.</summary>
    private static async Task BehindTheBackAsync(NpgsqlConnection connection, string sql)
    {
        await Execute(connection, "ALTER TABLE ledger_entries DISABLE TRIGGER USER; ALTER TABLE ledger_transactions DISABLE TRIGGER USER;");
        try { await Execute(connection, sql); }
        finally { await Execute(connection, "ALTER TABLE ledger_entries ENABLE TRIGGER USER; ALTER TABLE ledger_transactions ENABLE TRIGGER USER;"); }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
