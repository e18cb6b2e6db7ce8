using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.FinanceAudit.Messaging;
using UnionPlatform.FinanceAudit.UseCases.Audit;
using UnionPlatform.Kernel;
using UnionPlatform.Messaging;

namespace UnionPlatform.FinanceAudit.UseCases;

/// <summary>A seam between the two phases of a payment, for the tests that crash there; it does nothing in production.</summary>
public class PaymentFaults
{
    public virtual Task AfterReserveAsync(Guid requestId) => Task.CompletedTask;
}

/// <summary>
/// Pays a request in two phases, each its own database transaction: reserve (or reject) against the budget line,
/// then post to the ledger (or void). Every delivery of the same request runs the same steps and stops where the
/// request already is: a crash after the reserve leaves it Reserved, and the redelivery posts it. The budget row is
/// locked while it is read and changed, so concurrent requests on one line queue instead of overspending; the
/// payment row is locked while it is posted, and one posting per request is also a unique index.
/// </summary>
public sealed class PaymentDesk(FinanceDbContext db, TimeProvider time, PaymentFaults faults, IEnumerable<PaymentRule> rules, IOptions<AuditOptions> audit)
{
    public async Task HandleAsync(PaymentOrder order, CancellationToken ct)
    {
        var payment = await ReserveAsync(order, ct);
        if (payment.State != PaymentState.Reserved) return;
        await faults.AfterReserveAsync(order.RequestId);
        await PostAsync(order.RequestId, ct);
    }

    /// <summary>Phase one: the request's record, reserved or rejected, with the rejection's reply; an existing record is returned as it is.</summary>
    private async Task<Payment> ReserveAsync(PaymentOrder order, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == order.RequestId, ct) is { } known) return known;

        var (now, today) = (time.GetUtcNow(), time.Today());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Copies of one request delivered at once queue here, so the later ones find the record instead of colliding on it.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(order.RequestId)})", ct);
        if (await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == order.RequestId, ct) is { } recorded) return recorded;
        var findings = new List<AuditFinding>();
        var payment = await DecideAsync(order, today.Year, now, findings, ct);
        db.Payments.Add(payment);
        db.Findings.AddRange(findings);
        foreach (var finding in findings) db.Publish(FinanceEvents.Raised(finding, order.CorrelationId, now), payment.Id);
        if (payment.State == PaymentState.Rejected) db.Publish(FinanceEvents.Rejected(payment, now), payment.Id);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return payment;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: FinanceConstraints.PaymentsPkey })
        {
            // Still possible outside the lock (a writer that does not take it): go on from where that one left it.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await db.Payments.AsNoTracking().FirstAsync(p => p.Id == order.RequestId, ct);
        }
    }

    /// <summary>The audit rules first (a Block finding rejects), then the budget line, locked while it is reserved.</summary>
    private async Task<Payment> DecideAsync(PaymentOrder order, int year, DateTimeOffset now, List<AuditFinding> findings, CancellationToken ct)
    {
        var line = Accounts.LineOf(order.Purpose);
        AuditFinding Raise(RuleInfo rule, string detail)
        {
            var finding = AuditFinding.OnPayment(Guid.CreateVersion7(now), rule, order, detail, now);
            findings.Add(finding);
            return finding;
        }
        // The payee's earlier payments of this purpose, read once for all the rules.
        var since = now.AddDays(-audit.Value.WidestWindowDays);
        var earlier = await db.Payments.AsNoTracking().Where(p => p.PayeeMemberId == order.PayeeMemberId && p.Purpose == order.Purpose
            && p.State != PaymentState.Rejected && p.RequestedAt >= since && p.Id != order.RequestId).ToListAsync(ct);
        foreach (var rule in rules)
        {
            if (rule.Check(order, earlier, now) is not { } found) continue;
            var finding = Raise(rule.Info, found);
            if (rule.Info.Severity == Severity.Block)
                return Payment.Reject(order, line, year, "BlockedByAuditFinding", $"{rule.Info.Id}: {found}", now, finding.Id);
        }
        Payment NoBudget(string why) => Payment.Reject(order, line, year, "NoBudget", why, now, Raise(AuditRules.BudgetMissing, why).Id);

        if (line is null) return NoBudget($"Finance pays no budget line for the purpose {order.Purpose}.");
        var ledger = await db.Ledgers.AsNoTracking().FirstOrDefaultAsync(l => l.OrganisationId == order.PayingUnionId, ct);
        if (ledger is not { State: LedgerState.Open }) return NoBudget("The paying union has no open ledger.");
        if (await LockedBudgetAsync(order.PayingUnionId, year, line.Value, ct) is not { } budget) return NoBudget($"The paying union has no {line} budget for {year}.");
        try
        {
            return Payment.Reserve(order, budget, now);
        }
        catch (OverBudgetException over)
        {
            var why = $"The {line} budget line for {year} has {over.Left:0.00} left.";
            return Payment.Reject(order, line, year, "OverBudget", why, now, Raise(AuditRules.BudgetExceeded, why).Id);
        }
    }

    /// <summary>Phase two: the reservation posted to the ledger (or voided when the ledger closed meanwhile), with the reply.</summary>
    private async Task PostAsync(Guid requestId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var (now, today) = (time.GetUtcNow(), time.Today());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.Payments.FromSql($"SELECT *, xmin FROM payments WHERE id = {requestId} FOR UPDATE").SingleAsync(ct);
        if (payment.State != PaymentState.Reserved) return; // a concurrent delivery finished it
        var budget = (await LockedBudgetAsync(payment.PayingUnionId, payment.Year, payment.Line!.Value, ct))!;
        var ledger = await Api.LedgersApi.Locked(db, payment.PayingUnionId).FirstAsync(ct); // its chain takes one link at a time
        if (ledger.State != LedgerState.Open)
        {
            payment.Void(budget, "Voided", "The paying union's ledger closed before the payment was posted.");
            db.Publish(FinanceEvents.Rejected(payment, now), payment.Id);
        }
        else
        {
            var transaction = payment.Post(Guid.CreateVersion7(now), ledger, budget, today, now);
            db.Transactions.Add(transaction);
            db.Publish(FinanceEvents.Posted(payment, transaction, now), payment.Id);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static long LockKey(Guid requestId) => BitConverter.ToInt64(requestId.ToByteArray(), 8);

    // xmin is the row version (IsRowVersion), a system column SELECT * leaves out.
    private Task<Budget?> LockedBudgetAsync(Guid organisationId, int year, BudgetLine line, CancellationToken ct) =>
        db.Budgets.FromSql($"SELECT *, xmin FROM budgets WHERE organisation_id = {organisationId} AND year = {year} AND line = {line.ToString()} FOR UPDATE")
            .FirstOrDefaultAsync(ct);
}
