using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using UnionPlatform.FinanceAudit.Domain;

namespace UnionPlatform.FinanceAudit.Data;

internal sealed class LedgerConfiguration : IEntityTypeConfiguration<Ledger>
{
    public void Configure(EntityTypeBuilder<Ledger> e)
    {
        e.ToTable("ledgers");
        e.HasKey(l => l.OrganisationId);
        e.Property(l => l.OrganisationId).ValueGeneratedNever();
        e.Property(l => l.DistrictId).HasMaxLength(50);
        e.Property(l => l.Name).HasMaxLength(200);
        e.Property(l => l.State).HasConversion<string>().HasMaxLength(20);
        e.Property(l => l.Version).IsRowVersion();
        e.HasIndex(l => l.DistrictId);
    }
}

/// <summary>
/// Transactions and their entries are append-only and balanced, enforced by triggers (migration Initial): an
/// UPDATE or DELETE is refused, and a transaction whose entries do not balance fails at COMMIT (a deferred
/// constraint trigger, so the entries of one transaction may be inserted one by one).
/// </summary>
internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> e)
    {
        e.ToTable("ledger_transactions");
        e.Property(t => t.Id).ValueGeneratedNever();
        e.Property(t => t.DistrictId).HasMaxLength(50);
        e.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.Memo).HasMaxLength(LedgerTransaction.MaxMemoLength);
        e.Property(t => t.RecordedBy).HasMaxLength(100);
        e.Ignore(t => t.Total);
        e.HasOne<Ledger>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Entries).WithOne().HasForeignKey(x => x.TransactionId).OnDelete(DeleteBehavior.Restrict);
        // Paid at most once: one transaction per payment request, whatever delivers it how often.
        e.HasIndex(t => t.PaymentRequestId).IsUnique().HasDatabaseName(FinanceConstraints.OnePostingPerRequest).HasFilter("payment_request_id IS NOT NULL");
        e.HasIndex(t => t.ReversesId).IsUnique().HasDatabaseName(FinanceConstraints.OneReversalPerTransaction).HasFilter("reverses_id IS NOT NULL");
        e.HasOne<LedgerTransaction>().WithMany().HasForeignKey(t => t.ReversesId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.OrganisationId, t.PostedOn });
        // One link per place in a ledger's chain, whoever writes.
        e.HasIndex(t => new { t.OrganisationId, t.Sequence }).IsUnique();
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> e)
    {
        e.ToTable("ledger_entries", t => t.HasCheckConstraint("ck_ledger_entries_amount", "amount > 0"));
        e.HasKey(x => new { x.TransactionId, x.Line });
        e.Property(x => x.Account).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Side).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.Amount).HasPrecision(14, 2);
    }
}

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> e)
    {
        e.ToTable("budgets", t =>
        {
            // Never spent or reserved beyond the line, whatever writes the row.
            t.HasCheckConstraint("ck_budgets_within", "reserved >= 0 AND spent >= 0 AND reserved + spent <= amount");
        });
        e.HasKey(b => new { b.OrganisationId, b.Year, b.Line });
        e.Property(b => b.Line).HasConversion<string>().HasMaxLength(30);
        e.Property(b => b.DistrictId).HasMaxLength(50);
        e.Property(b => b.Amount).HasPrecision(14, 2);
        e.Property(b => b.Reserved).HasPrecision(14, 2);
        e.Property(b => b.Spent).HasPrecision(14, 2);
        e.Property(b => b.AdjustmentReason).HasMaxLength(500);
        e.Property(b => b.Version).IsRowVersion();
        e.Ignore(b => b.Left);
        e.HasOne<Ledger>().WithMany().HasForeignKey(b => b.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(b => new { b.DistrictId, b.Year });
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> e)
    {
        e.ToTable("payments", t => t.HasCheckConstraint("ck_payments_posted_has_transaction", "state <> 'Posted' OR transaction_id IS NOT NULL"));
        e.Property(p => p.Id).ValueGeneratedNever();
        e.Property(p => p.Purpose).HasMaxLength(50);
        e.Property(p => p.DistrictId).HasMaxLength(50);
        e.Property(p => p.Amount).HasPrecision(14, 2);
        e.Property(p => p.Line).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.ReasonCode).HasMaxLength(50);
        e.Property(p => p.ReasonText).HasMaxLength(300);
        e.Property(p => p.Version).IsRowVersion();
        e.HasOne<LedgerTransaction>().WithMany().HasForeignKey(p => p.TransactionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.DistrictId, p.State });
        e.HasIndex(p => p.State).HasFilter("state = 'Reserved'").HasDatabaseName("ix_payments_reserved");
        // The audit rules look for a payee's earlier payments of one purpose.
        e.HasIndex(p => new { p.PayeeMemberId, p.Purpose, p.RequestedAt });
        e.HasOne<AuditFinding>().WithMany().HasForeignKey(p => p.AuditFindingId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditFindingConfiguration : IEntityTypeConfiguration<AuditFinding>
{
    public void Configure(EntityTypeBuilder<AuditFinding> e)
    {
        e.ToTable("audit_findings");
        e.Property(f => f.Id).ValueGeneratedNever();
        e.Property(f => f.RuleId).HasMaxLength(50);
        e.Property(f => f.Severity).HasConversion<string>().HasMaxLength(10);
        e.Property(f => f.RuleSource).HasMaxLength(200);
        e.Property(f => f.EntityType).HasMaxLength(50);
        e.Property(f => f.OwningService).HasMaxLength(50);
        e.Property(f => f.DistrictId).HasMaxLength(50);
        e.Property(f => f.Detail).HasMaxLength(500);
        e.Property(f => f.State).HasConversion<string>().HasMaxLength(20);
        e.Property(f => f.Resolution).HasConversion<string>().HasMaxLength(20);
        e.Property(f => f.ResolutionNote).HasMaxLength(AuditFinding.MaxNoteLength);
        e.Property(f => f.ResolvedBy).HasMaxLength(100);
        e.Property(f => f.Version).IsRowVersion();
        e.HasIndex(f => new { f.DistrictId, f.State });
        e.HasIndex(f => f.PaymentRequestId);
    }
}
