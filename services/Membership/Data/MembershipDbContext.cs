using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Messaging;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.Membership.Data;

public sealed class MembershipDbContext(DbContextOptions<MembershipDbContext> options) : DbContext(options), IOutboxDbContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberHistoryEntry> MemberHistory => Set<MemberHistoryEntry>();
    public DbSet<PersonalDataReveal> Reveals => Set<PersonalDataReveal>();
    public DbSet<CoverageDelta> CoverageDeltas => Set<CoverageDelta>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(MembershipDbContext).Assembly);
        model.AddOutboxAndInbox();
        model.ProtectPersonalData(options);
    }
}
