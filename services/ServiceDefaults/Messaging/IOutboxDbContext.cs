using Microsoft.EntityFrameworkCore;

namespace UnionPlatform.ServiceDefaults.Messaging;

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
            e.HasIndex(m => m.MessageId).IsUnique();
            // The relay's only query: unsent rows in order. A partial index stays small however much was sent.
            e.HasIndex(m => m.Id).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
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
