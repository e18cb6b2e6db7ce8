using Microsoft.EntityFrameworkCore;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.Messaging;
using UnionPlatform.Messaging.Data;
using UnionPlatform.Testing;

namespace UnionPlatform.Membership.Tests.Messaging;

/// <summary>
/// The relay is woken by commits that carry outbox rows, and by nothing else: its own read-only rounds once woke it
/// again, and an idle relay spun at hundreds of rounds a second (found by the benchmark's SQL count).
/// </summary>
public class OutboxSignalTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private (MembershipDbContext Db, OutboxSignal Signal) Context()
    {
        var signal = new OutboxSignal();
        var db = new MembershipDbContext(new DbContextOptionsBuilder<MembershipDbContext>()
            .UseNpgsql(app.Database).UseSnakeCaseNamingConvention().UsePersonalData(TestPersonalData.Protector())
            .AddInterceptors(new OutboxSignalInterceptor(signal)).Options);
        return (db, signal);
    }

    private static MemberJoined Joined() => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "signal", CorrelationId = Guid.NewGuid(),
        MemberId = Guid.NewGuid(), UnionId = Guid.NewGuid(), EnterpriseId = null, JoinedOn = new DateOnly(2026, 3, 1),
    };

    [Fact]
    public async Task Commits_without_outbox_rows_do_not_wake_the_relay_and_commits_with_them_do_once()
    {
        await app.WithDbAsync(db => db.OutboxMessages.AnyAsync()); // the service is up: its database is migrated
        var (db, signal) = Context();
        await using (db)
        {
            await using (var readOnly = await db.Database.BeginTransactionAsync())
            {
                await db.OutboxMessages.CountAsync();
                await readOnly.CommitAsync();
            }
            Assert.Equal(0, signal.Notifications);

            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var joined = Joined();
                db.Publish(joined, joined.MemberId);
                await db.SaveChangesAsync();
                Assert.Equal(0, signal.Notifications); // saved, not yet committed: the relay could not see the row
                await tx.CommitAsync();
            }
            Assert.Equal(1, signal.Notifications);

            var own = Joined();
            db.Publish(own, own.MemberId);
            await db.SaveChangesAsync(); // its own transaction
            Assert.Equal(2, signal.Notifications);

            await using (var rolledBack = await db.Database.BeginTransactionAsync())
            {
                var lost = Joined();
                db.Publish(lost, lost.MemberId);
                await db.SaveChangesAsync();
                await rolledBack.RollbackAsync();
            }
            await using (var after = await db.Database.BeginTransactionAsync())
            {
                await db.OutboxMessages.CountAsync();
                await after.CommitAsync();
            }
            Assert.Equal(2, signal.Notifications);
        }
    }
}
