using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.FinanceAudit.Api;

public sealed record RecordIncome(IncomeKind? Kind, decimal? Amount, DateOnly? ReceivedOn, string? Memo);
public sealed record GiveReason(string? Reason);

/// <summary>Each organisation's books: balances, the trial balance, the statement, income received, reversals.</summary>
public static class LedgersApi
{
    public static RouteGroupBuilder MapLedgersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ledgers").WithTags("Ledgers").RequireAuthorization(UnionPolicies.Read);
        group.MapGet("/", List).WithName("ListLedgers").WithSummary("The ledgers of the organisations in the caller's districts, by name.");
        group.MapGet("/{organisationId:guid}", Get).WithName("GetLedger").WithSummary("A ledger with each account's debits, credits and balance.");
        group.MapGet("/{organisationId:guid}/trial-balance", GetTrialBalance).WithName("GetTrialBalance")
            .WithSummary("Each account's movements between from and to (inclusive) and its closing balance; the closing columns balance.");
        group.MapGet("/{organisationId:guid}/transactions", Statement).WithName("ListTransactions")
            .WithSummary("The account statement: transactions between from and to, oldest first, with their entries.");
        group.MapGet("/{organisationId:guid}/verification", Verify).WithName("VerifyLedger")
            .WithSummary("Recomputes the ledger's hash chain from its first transaction; reports the first broken link, if any.");
        group.MapPost("/{organisationId:guid}/income", RecordIncome).WithName("RecordIncome").RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Records money received (an employer's allocation, dues, a subsidy): bank debited, the income account credited.");
        group.MapPost("/{organisationId:guid}/transactions/{transactionId:guid}/reversal", Reverse).WithName("ReverseTransaction")
            .RequireAuthorization(UnionPolicies.Write)
            .WithSummary("Corrects a mistake with the mirror-image transaction, which points at the one it reverses (once; never a payment).");
        return group;
    }

    private static async Task<Results<Ok<Paged<LedgerView>>, ValidationProblem>> List(string? districtId, int? page, int? pageSize, ClaimsPrincipal user,
        FinanceDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(districtId is { Length: > 50 }, "districtId", "At most 50 characters.");
        if (!validation.IsValid) return validation.Problem();
        var scope = user.DistrictScope();
        var query = db.Ledgers.AsNoTracking().Where(l => (scope.District == null || l.DistrictId == scope.District) && (districtId == null || l.DistrictId == districtId));
        return TypedResults.Ok(await query.OrderBy(l => l.Name).ThenBy(l => l.OrganisationId).ToPageAsync(page, pageSize, LedgerView.From, ct));
    }

    private static async Task<Results<Ok<LedgerDetail>, ProblemHttpResult>> Get(Guid organisationId, ClaimsPrincipal user, FinanceDbContext db,
        ChartOfAccounts chart, CancellationToken ct)
    {
        if (await FindAsync(db, organisationId, user, ct) is not { } ledger) return Problems.NotFound("The ledger");
        var totals = await Totals(db, organisationId, null, DateOnly.MaxValue).ToListAsync(ct);
        var balances = Enum.GetValues<AccountKind>().Select(account =>
        {
            var (debits, credits) = (Sum(totals, account, Side.Debit), Sum(totals, account, Side.Credit));
            var title = chart.Title(account);
            return new BalanceView(account, title.Code, title.Name, debits, credits, Accounts.NormalSide(account) == Side.Debit ? debits - credits : credits - debits);
        }).ToList();
        return TypedResults.Ok(new LedgerDetail(LedgerView.From(ledger), balances));
    }

    private static async Task<Results<Ok<TrialBalance>, ProblemHttpResult, ValidationProblem>> GetTrialBalance(Guid organisationId, DateOnly? from, DateOnly? to,
        ClaimsPrincipal user, FinanceDbContext db, TimeProvider time, ChartOfAccounts chart, CancellationToken ct)
    {
        var today = time.Today();
        var (start, end) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (start > end) return new Validation().Add("from", "On or before to.").Problem();
        if (await FindAsync(db, organisationId, user, ct) is not { } ledger) return Problems.NotFound("The ledger");
        var closing = await Totals(db, organisationId, null, end).ToListAsync(ct);
        var period = await Totals(db, organisationId, start, end).ToListAsync(ct);
        var rows = Enum.GetValues<AccountKind>().Select(account =>
        {
            var net = Sum(closing, account, Side.Debit) - Sum(closing, account, Side.Credit);
            var title = chart.Title(account);
            return new TrialBalanceRow(account, title.Code, title.Name, Sum(period, account, Side.Debit), Sum(period, account, Side.Credit),
                net > 0 ? net : 0, net < 0 ? -net : 0);
        }).ToList();
        var (debit, credit) = (rows.Sum(r => r.ClosingDebit), rows.Sum(r => r.ClosingCredit));
        return TypedResults.Ok(new TrialBalance(organisationId, ledger.DistrictId, start, end, rows, debit, credit, debit == credit));
    }

    private static async Task<Results<Ok<Paged<TransactionView>>, ProblemHttpResult, ValidationProblem>> Statement(Guid organisationId, DateOnly? from, DateOnly? to,
        int? page, int? pageSize, ClaimsPrincipal user, FinanceDbContext db, CancellationToken ct)
    {
        var validation = new Validation().CheckPaging(page, pageSize).When(from > to, "from", "On or before to.");
        if (!validation.IsValid) return validation.Problem();
        if (await FindAsync(db, organisationId, user, ct) is null) return Problems.NotFound("The ledger");
        var query = db.Transactions.AsNoTracking().Include(t => t.Entries)
            .Where(t => t.OrganisationId == organisationId && (from == null || t.PostedOn >= from) && (to == null || t.PostedOn <= to));
        return TypedResults.Ok(await query.OrderBy(t => t.PostedOn).ThenBy(t => t.Id).ToPageAsync(page, pageSize, TransactionView.From, ct));
    }

    private static async Task<Results<Created<TransactionView>, ProblemHttpResult, ValidationProblem>> RecordIncome(Guid organisationId, RecordIncome body,
        HttpContext http, FinanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = time.Today();
        var validation = new Validation()
            .When(body.Kind is null || !Enum.IsDefined(body.Kind.Value), "kind", "Allocation, Dues or Subsidy.")
            .When(body.Amount is not { } a || a <= 0 || a > LedgerTransaction.MaxAmount || decimal.Round(a, 2) != a, "amount",
                $"Yuan, more than 0 and at most {LedgerTransaction.MaxAmount}, with at most two decimals.")
            .When(body.ReceivedOn is null || body.ReceivedOn > today || body.ReceivedOn < today.AddYears(-1), "receivedOn", "A date within the last year, not in the future.")
            .When(body.Memo is { Length: > LedgerTransaction.MaxMemoLength }, "memo", $"At most {LedgerTransaction.MaxMemoLength} characters.");
        if (!validation.IsValid) return validation.Problem();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await LockAsync(db, organisationId, http.User, ct) is not { } ledger) return Problems.NotFound("The ledger");
        var now = time.GetUtcNow();
        var transaction = LedgerTransaction.Record(Guid.CreateVersion7(now), ledger, TransactionKind.Income, body.ReceivedOn!.Value, now,
            body.Memo?.Trim() ?? body.Kind!.Value.ToString(),
            [new Posting(AccountKind.Bank, Side.Debit, body.Amount!.Value), new Posting(Accounts.IncomeOf(body.Kind!.Value), Side.Credit, body.Amount.Value)],
            recordedBy: http.User.FindFirst("sub")?.Value);
        db.Transactions.Add(transaction);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/ledgers/{organisationId}/transactions/{transaction.Id}", TransactionView.From(transaction));
    }

    private static async Task<Results<Created<TransactionView>, ProblemHttpResult, ValidationProblem>> Reverse(Guid organisationId, Guid transactionId,
        GiveReason body, HttpContext http, FinanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > LedgerTransaction.MaxMemoLength)
            return new Validation().Required(body.Reason, "reason", LedgerTransaction.MaxMemoLength).Problem();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await LockAsync(db, organisationId, http.User, ct) is not { } ledger) return Problems.NotFound("The ledger");
        var original = await db.Transactions.AsNoTracking().Include(t => t.Entries)
            .FirstOrDefaultAsync(t => t.Id == transactionId && t.OrganisationId == organisationId, ct);
        if (original is null) return Problems.NotFound("The transaction");
        if (await db.Transactions.AnyAsync(t => t.ReversesId == transactionId, ct)) return AlreadyReversed();
        var now = time.GetUtcNow();
        var reversal = original.Reverse(Guid.CreateVersion7(now), ledger, time.Today(), now, body.Reason.Trim(), http.User.FindFirst("sub")?.Value);
        db.Transactions.Add(reversal);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: FinanceConstraints.OneReversalPerTransaction })
        {
            return AlreadyReversed();
        }
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/ledgers/{organisationId}/transactions/{reversal.Id}", TransactionView.From(reversal));
    }

    private static async Task<Results<Ok<ChainVerification>, ProblemHttpResult>> Verify(Guid organisationId, ClaimsPrincipal user, FinanceDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, organisationId, user, ct) is not { } ledger) return Problems.NotFound("The ledger");
        var state = ChainState.Start;
        BrokenLink? broken = null;
        while (broken is null)
        {
            // A page at a time, in chain order: a year of a union's entries never sits in memory at once.
            var after = state.Checked;
            var page = await db.Transactions.AsNoTracking().Include(t => t.Entries)
                .Where(t => t.OrganisationId == organisationId && t.Sequence > after).OrderBy(t => t.Sequence).Take(500).ToListAsync(ct);
            if (page.Count == 0) break;
            broken = LedgerChain.Verify(page, ref state);
        }
        broken ??= LedgerChain.VerifyHead(ledger, state);
        return TypedResults.Ok(new ChainVerification(organisationId, ledger.DistrictId, state.Checked, broken is null, broken, Convert.ToHexStringLower(state.Last)));
    }

    private static ProblemHttpResult AlreadyReversed() => Problems.Conflict("The transaction is already reversed.", "Reversed");

    internal static async Task<Ledger?> FindAsync(FinanceDbContext db, Guid organisationId, ClaimsPrincipal user, CancellationToken ct)
    {
        var ledger = await db.Ledgers.AsNoTracking().FirstOrDefaultAsync(l => l.OrganisationId == organisationId, ct);
        return ledger is not null && user.DistrictScope().Allows(ledger.DistrictId) ? ledger : null;
    }

    /// <summary>The ledger, tracked and locked until the caller's transaction ends: its chain takes one new link at a time.</summary>
    internal static async Task<Ledger?> LockAsync(FinanceDbContext db, Guid organisationId, ClaimsPrincipal user, CancellationToken ct)
    {
        var ledger = await Locked(db, organisationId).FirstOrDefaultAsync(ct);
        return ledger is not null && user.DistrictScope().Allows(ledger.DistrictId) ? ledger : null;
    }

    // xmin is the row version, a system column SELECT * leaves out.
    internal static IQueryable<Ledger> Locked(FinanceDbContext db, Guid organisationId) =>
        db.Ledgers.FromSql($"SELECT *, xmin FROM ledgers WHERE organisation_id = {organisationId} FOR UPDATE");

    private sealed record Total(AccountKind Account, Side Side, decimal Amount);

    /// <summary>Sums per account and side over the organisation's entries posted between the dates (one grouped query).</summary>
    private static IQueryable<Total> Totals(FinanceDbContext db, Guid organisationId, DateOnly? since, DateOnly to) =>
        from e in db.Entries
        join t in db.Transactions on e.TransactionId equals t.Id
        where t.OrganisationId == organisationId && t.PostedOn <= to && (since == null || t.PostedOn >= since)
        group e by new { e.Account, e.Side } into g
        select new Total(g.Key.Account, g.Key.Side, g.Sum(e => e.Amount));

    private static decimal Sum(List<Total> totals, AccountKind account, Side side) =>
        totals.Where(t => t.Account == account && t.Side == side).Sum(t => t.Amount);
}
