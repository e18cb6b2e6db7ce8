using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;
using UnionPlatform.Seeds;

namespace UnionPlatform.HardshipAid.Tests.Api;

public class SeedingTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    [Fact]
    public async Task The_demo_city_loads_once_with_filed_files_that_obey_the_category_rules()
    {
        var city = DemoCity.Create(new DemoCityOptions { Members = 5_000 });
        var (members, files) = await app.WithDbAsync(db => DemoCitySeeder.LoadAsync(db, city, CancellationToken.None));
        var again = await app.WithDbAsync(db => DemoCitySeeder.LoadAsync(db, city, CancellationToken.None));

        Assert.Equal(5_000, members);
        Assert.Equal((0L, 0), again);
        Assert.Equal(city.HardshipFiles().Count(), files);
        Assert.True(files > 50, $"{files} files");

        var loaded = await app.WithDbAsync(db => db.Files.AsNoTracking().ToListAsync());
        Assert.All(loaded, f =>
        {
            Assert.Equal(FileState.Filed, f.State);
            Assert.Equal(Categorisation.Categorise(f.Income, f.Causes, city.Options.MinimumLivingAllowance), f.Category);
            Assert.True(f.SubmittedOn < f.SurveyedOn && f.SurveyedOn <= f.SurveyDueOn && f.NoticeStartedOn < f.FiledOn);
            Assert.NotNull(f.ConsentDocumentId);
        });
        // Every filed file holds its (placeholder) consent form, readable as a PDF.
        var consents = await app.WithDbAsync(db => db.Documents.AsNoTracking().Where(d => d.Kind == HardshipDocuments.Consent).ToListAsync());
        Assert.Equal(loaded.Select(f => (f.Id, f.ConsentDocumentId!.Value)).Order(), consents.Select(d => (d.OwnerId, d.Id)).Order());
        Assert.All(consents, d => Assert.Equal((DemoConsentForm.FileName, "application/pdf"), (d.FileName, d.MediaType)));
        Assert.Equal(3, loaded.Select(f => f.Category).Distinct().Count());
        Assert.Equal(city.Districts.Count, await app.WithDbAsync(db => db.Allowances.CountAsync()));
        var filedMembers = loaded.Select(f => f.MemberId).ToHashSet();
        Assert.Equal(files, await app.WithDbAsync(db => db.Members.CountAsync(m => filedMembers.Contains(m.MemberId) && m.Status == MembershipStatus.Active)));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));
    }
}

public class SeedingPolicyTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private DemoCitySeeder Seeder(bool? enabled) => new(
        app.Services.GetRequiredService<IServiceScopeFactory>(),
        UnionPlatform.Testing.SeedSettings.For(enabled),
        NullLogger<DemoCitySeeder>.Instance);

    [Fact]
    public async Task Demo_files_are_loaded_only_when_asked_and_never_beside_real_members()
    {
        await Seeder(enabled: null).StartAsync(CancellationToken.None);
        Assert.Equal(0, await app.WithDbAsync(db => db.Allowances.CountAsync()));

        var member = await new Hardship(app).MemberAsync("gulou"); // a real member, from Membership's events
        await Seeder(enabled: true).StartAsync(CancellationToken.None);
        Assert.Equal(0, await app.WithDbAsync(db => db.Files.CountAsync()));
        Assert.Equal([member], await app.WithDbAsync(db => db.Members.Select(m => m.MemberId).ToListAsync()));
    }
}

public class MigrationTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    [Fact]
    public async Task The_committed_migrations_match_the_model() =>
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "Run: dotnet ef migrations add <Name> -p services/HardshipAid/HardshipAid.csproj -o Data/Migrations");
}
