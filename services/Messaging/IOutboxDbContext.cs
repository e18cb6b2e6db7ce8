using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace UnionPlatform.Messaging;

/// <summary>A service's DbContext that owns an outbox and an inbox (call <see cref="OutboxModel.AddOutboxAndInbox"/>).</summary>
public interface IOutboxDbContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }
    DbSet<InboxMessage> InboxMessages { get; }
}

public static class OutboxModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";
    public const string TransactionIdColumn = "transaction_id";

    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).UseIdentityAlwaysColumn();
            e.Property(m => m.MessageType).HasMaxLength(300);
            e.Property(m => m.PartitionKey).HasMaxLength(100);
            e.Property(m => m.Body).HasColumnType("jsonb");
            e.Property(m => m.LastError).HasMaxLength(1000);
            // The writing transaction, set by the database: the relay reads only rows of transactions that have ended
            // for every snapshot, in (transaction, id) order, so no row can ever appear behind one already published.
            e.Property<ulong>(TransactionIdColumn).HasColumnName(TransactionIdColumn).HasColumnType("xid8")
                .HasDefaultValueSql("pg_current_xact_id()").ValueGeneratedNever()
                .Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
            e.HasIndex(m => m.MessageId).IsUnique();
            // The relay's only query: unsent, unparked rows in order. A partial index stays small however much was sent.
            e.HasIndex(TransactionIdColumn, nameof(OutboxMessage.Id)).HasFilter("sent_at IS NULL AND parked_at IS NULL")
                .HasDatabaseName("ix_outbox_messages_unsent");
            e.HasIndex(m => m.PartitionKey).HasFilter("parked_at IS NOT NULL AND sent_at IS NULL").HasDatabaseName("ix_outbox_messages_parked");
            e.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL");
        });
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable(InboxTable);
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.Consumer).HasMaxLength(200);
            e.HasIndex(m => m.ProcessedAt);
        });
        return model;
    }
}
