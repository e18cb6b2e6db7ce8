using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.Seeds;

namespace UnionPlatform.Membership.Tests.Api;

public class SeedingTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    [Fact]
    public async Task The_demo_city_loads_once_and_its_coverage_matches_the_tables()
    {
        var city = DemoCity.Create(new DemoCityOptions { Members = 5_000 });
        var loaded = await app.WithDbAsync(db => DemoCitySeeder.LoadAsync(db, city, CancellationToken.None));
        var again = await app.WithDbAsync(db => DemoCitySeeder.LoadAsync(db, city, CancellationToken.None));

        Assert.True(loaded > 5_000);
        Assert.Equal(0, again);
        var (members, active) = await app.WithDbAsync(async db => (await db.Members.CountAsync(), await db.Members.CountAsync(m => m.Status == UnionPlatform.Membership.Domain.MemberStatus.Active)));
        Assert.Equal(5_000, members);
        var projected = await app.WithDbAsync(db => db.CoverageDeltas.SumAsync(c => c.Members));
        Assert.Equal(active, projected);
        var covered = await app.WithDbAsync(db => db.Enterprises.CountAsync(e => e.UnionId != null));
        Assert.Equal(covered, await app.WithDbAsync(db => db.CoverageDeltas.SumAsync(c => c.CoveredEnterprises)));
    }
}

public class MigrationTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    [Fact]
    public async Task The_committed_migrations_match_the_model() =>
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "Run: dotnet ef migrations add <Name> -p services/Membership");
}

public class SeedingPolicyTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private DemoCitySeeder Seeder(bool? enabled) => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        UnionPlatform.Testing.SeedSettings.For(enabled),
        NullLogger<DemoCitySeeder>.Instance);

    [Fact]
    public async Task Demo_data_is_loaded_only_when_asked_and_never_into_a_database_with_data()
    {
        await Seeder(enabled: null).StartAsync(CancellationToken.None);
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));

        var enterprise = await World.Read<UnionPlatform.Membership.Api.EnterpriseView>(await app.Admin().PostAsJsonAsync("/api/enterprises",
            new UnionPlatform.Membership.Api.RegisterEnterprise(UnionPlatform.Kernel.Identifiers.SocialCreditCode.Create("91320102MA7777771"), "真实企业", "gulou", "Manufacturing", 10)));
        await Seeder(enabled: true).StartAsync(CancellationToken.None);
        Assert.Equal(0, await app.WithDbAsync(db => db.Organisations.CountAsync()));
        Assert.Equal([enterprise.Id], await app.WithDbAsync(db => db.Enterprises.Select(e => e.Id).ToListAsync()));
    }
}
