using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnionPlatform.Kernel.Privacy;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.Membership.UseCases;
using UnionPlatform.Messaging.Data;
using UnionPlatform.Seeds;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;
using Xunit;

namespace UnionPlatform.Membership.Tests.Api;

/// <summary>National IDs and phones are ciphertext at rest, found by a keyed hash; reading them in full is recorded.</summary>
public class PersonalDataAtRestTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private readonly HttpClient _admin = app.Admin();

    private async Task<List<(string NationalId, string Phone, byte[] Hash)>> RawMembersAsync()
    {
        await using var connection = new NpgsqlConnection(app.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT national_id, phone, national_id_hash FROM members", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, byte[])>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader[2]));
        return rows;
    }

    [Fact]
    public async Task The_raw_table_holds_no_plain_national_id_or_phone_whichever_way_members_arrive()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var applied = World.NewNationalId();
        await world.ActiveMemberAsync(union, nationalId: applied);
        var imported = World.NewNationalId();
        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes($"nationalId,name,phone\n{imported},导入者,13911112222\n"));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        Assert.Equal(1, (await World.Read<ImportReport>(await _admin.PostAsync($"/api/unions/{union}/roster", csv))).Imported);

        var rows = await RawMembersAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.StartsWith(PersonalDataProtector.Prefix, r.NationalId);
            Assert.StartsWith(PersonalDataProtector.Prefix, r.Phone);
            Assert.Equal(32, r.Hash.Length);
        });
        var raw = string.Join("\n", rows.Select(r => r.NationalId + r.Phone));
        foreach (var plain in new[] { applied, imported, "13911112222", imported[..17] }) Assert.DoesNotContain(plain, raw);
        // Through the model the values read back as they were given.
        Assert.Contains(imported, await app.WithDbAsync(db => db.Members.Select(m => m.NationalId).ToListAsync()));
    }

    [Fact]
    public async Task The_demo_seeder_writes_ciphertext_too()
    {
        await using var db = await SeededContextAsync();
        var city = DemoCity.Create(new DemoCityOptions { Members = 1000 });
        await DemoCitySeeder.LoadAsync(db, city, CancellationToken.None);
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM members WHERE national_id NOT LIKE 'pd1:%' OR phone NOT LIKE 'pd1:%'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
        var first = city.Members().First();
        Assert.Equal(first.Id, await db.Members.WithNationalId(db.GetPersonalDataProtector().Hash(first.NationalId)).Select(m => m.Id).SingleAsync());
    }

    private static MembershipDbContext Context(string database, PersonalDataProtector protector) => new(new DbContextOptionsBuilder<MembershipDbContext>()
        .UseNpgsql(database).UseSnakeCaseNamingConvention().UsePersonalData(protector).Options);

    private static async Task<MembershipDbContext> SeededContextAsync()
    {
        var db = Context(await TestServers.CreateDatabaseAsync("membership_seeded"), TestPersonalData.Protector());
        await db.Database.MigrateAsync();
        return db;
    }

    [Fact]
    public async Task Rows_from_before_the_encryption_and_rows_under_a_retired_key_are_rewritten_after_the_migrations()
    {
        await using var db = await SeededContextAsync();
        var city = DemoCity.Create(new DemoCityOptions { Members = 1000 });
        await DemoCitySeeder.LoadAsync(db, city, CancellationToken.None);
        // A row as the previous schema's writers left it: plain values, the migration's placeholder hash.
        var legacyId = Guid.NewGuid();
        var (legacyNationalId, legacyPhone) = (World.NewNationalId(), "13577778888");
        var unionId = city.Members().First().UnionId;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO members (id, national_id, national_id_hash, name, phone, district_id, union_id, status, applied_on)
            SELECT {legacyId}, {legacyNationalId}, uuid_send({legacyId}), '旧档', {legacyPhone}, district_id, id, 'Applied', {new DateOnly(2024, 1, 2)}
            FROM organisations WHERE id = {unionId}
            """);
        Assert.Equal(1, await PersonalDataBackfill.RunAsync(db, CancellationToken.None));
        Assert.Equal(0, await PersonalDataBackfill.RunAsync(db, CancellationToken.None)); // nothing left to do
        var legacy = await db.Members.AsNoTracking().WithNationalId(TestPersonalData.Protector().Hash(legacyNationalId)).SingleAsync();
        Assert.Equal((legacyId, legacyPhone), (legacy.Id, legacy.Phone));

        // Rotation: a new current key; the old one still decrypts until every row is rewritten under the new one.
        var rotated = new PersonalDataProtector(new PersonalDataOptions
        {
            CurrentKeyId = "test2", HashKey = TestPersonalData.HashKey,
            Keys = { [TestPersonalData.KeyId] = TestPersonalData.Key, ["test2"] = PersonalDataProtector.NewKey() },
        });
        await using var after = Context(db.Database.GetConnectionString()!, rotated);
        Assert.Equal(1001, await PersonalDataBackfill.RunAsync(after, CancellationToken.None));
        Assert.Equal(0, await after.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM members WHERE national_id NOT LIKE 'pd1:test2:%' OR phone NOT LIKE 'pd1:test2:%'").SingleAsync());
        Assert.Equal(legacyNationalId, (await after.Members.AsNoTracking().SingleAsync(m => m.Id == legacyId)).NationalId);
    }

    [Fact]
    public async Task Views_are_masked_and_a_reveal_answers_in_full_only_after_recording_who_and_when()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var nationalId = World.NewNationalId();
        var member = await world.ActiveMemberAsync(union, nationalId: nationalId);
        Assert.DoesNotContain(nationalId, member.NationalIdMasked);
        Assert.Matches(@"^\d{3}\*+\d{4}$", member.PhoneMasked);

        var staff = app.ClientWithToken(ServiceApp<Program, MembershipDbContext>.Token([UnionRoles.DistrictStaff], "gulou"));
        var response = await staff.PostAsync($"/api/members/{member.Id}/reveal", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var revealed = (await response.Content.ReadFromJsonAsync<RevealedPersonalData>())!;
        Assert.Equal(nationalId, revealed.NationalId);
        Assert.Equal(11, revealed.Phone.Length);

        var reveals = await World.Read<List<RevealView>>(await app.ClientAs(UnionRoles.Auditor).GetAsync($"/api/members/{member.Id}/reveals"));
        var record = Assert.Single(reveals);
        Assert.Equal("dev-user", record.RevealedBy);
        Assert.Equal("gulou", record.RevealedByDistrict);
        Assert.Equal(revealed.RevealedAt, record.RevealedAt);
    }

    [Fact]
    public async Task Another_districts_staff_and_auditors_cannot_reveal_and_nothing_is_recorded()
    {
        var world = await World.CreateAsync(_admin, "gulou", "xuanwu");
        var (union, _) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union);
        var stranger = app.ClientWithToken(ServiceApp<Program, MembershipDbContext>.Token([UnionRoles.DistrictStaff], "xuanwu"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/members/{member.Id}/reveal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(UnionRoles.Auditor).PostAsync($"/api/members/{member.Id}/reveal", null)).StatusCode);
        Assert.Empty(await World.Read<List<RevealView>>(await _admin.GetAsync($"/api/members/{member.Id}/reveals")));
    }
}
