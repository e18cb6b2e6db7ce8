using Microsoft.EntityFrameworkCore;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.Messaging;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.FinanceAudit.Data;

public sealed class FinanceDbContext(DbContextOptions<FinanceDbContext> options) : DbContext(options), IOutboxDbContext
{
    public DbSet<Ledger> Ledgers => Set<Ledger>();
    public DbSet<LedgerTransaction> Transactions => Set<LedgerTransaction>();
    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<AuditFinding> Findings => Set<AuditFinding>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(FinanceDbContext).Assembly);
        model.AddOutboxAndInbox();
        model.ProtectPersonalData(options);
    }
}

/// <summary>Constraint names the code recognises in a database error.</summary>
public static class FinanceConstraints
{
    public const string OnePostingPerRequest = "ux_ledger_transactions_payment_request";
    public const string OneReversalPerTransaction = "ux_ledger_transactions_reverses";
    public const string PaymentsPkey = "pk_payments";
    public const string BudgetsPkey = "pk_budgets";
    public const string Unbalanced = "ck_ledger_transactions_balanced";
    public const string AppendOnly = "ck_ledger_append_only";
}
