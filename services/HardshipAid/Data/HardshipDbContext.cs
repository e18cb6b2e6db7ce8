using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.Documents;
using UnionPlatform.Messaging;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.HardshipAid.Data;

public sealed class HardshipDbContext(DbContextOptions<HardshipDbContext> options) : DbContext(options), IOutboxDbContext, IDocumentDbContext
{
    public DbSet<HardshipFile> Files => Set<HardshipFile>();
    public DbSet<AidGrant> Grants => Set<AidGrant>();
    public DbSet<MinimumLivingAllowance> Allowances => Set<MinimumLivingAllowance>();
    public DbSet<EligibleMember> Members => Set<EligibleMember>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<StoredDocument> Documents => Set<StoredDocument>();
    public DbSet<DocumentChunk> DocumentChunks => Set<DocumentChunk>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(HardshipDbContext).Assembly);
        model.AddOutboxAndInbox();
        model.AddDocuments();
        model.ProtectPersonalData(options);
    }
}
