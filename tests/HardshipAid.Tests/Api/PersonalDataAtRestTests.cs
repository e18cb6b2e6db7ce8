using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.Messaging.Data;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;
using UnionPlatform.Kernel.Privacy;

namespace UnionPlatform.HardshipAid.Tests.Api;

/// <summary>Incomes, costs, causes (health among them) and the staff's reasons are ciphertext at rest.</summary>
public class PersonalDataAtRestTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);

    [Fact]
    public async Task The_raw_table_holds_no_plain_income_cause_or_reason_and_the_api_reads_them_back()
    {
        var file = await _hardship.FileAsync("gulou", FileState.Filed, new IncomeCheck(Hardship.Today, 3, 27_123.45m, 3_210.98m));
        var rejected = await _hardship.DraftAsync(await _hardship.MemberAsync("gulou"));
        await Hardship.Read<FileView>(await _hardship.Admin.PostAsync($"/api/hardship-files/{rejected.Id}/submit", null));
        await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{rejected.Id}/reject", new GiveReason("住院证明不实")));

        await using var connection = new NpgsqlConnection(app.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT annual_income, essential_costs, causes, coalesce(closing_reason, '') FROM hardship_files WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", new[] { file.Id, rejected.Id });
        var raw = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                for (var i = 0; i < 4; i++) raw.Add(reader.GetString(i));
        Assert.Equal(8, raw.Count);
        Assert.All(raw.Where(v => v.Length > 0), v => Assert.StartsWith(PersonalDataProtector.Prefix, v));
        foreach (var plain in new[] { "27123", "3210", "Illness", "住院" }) Assert.DoesNotContain(plain, string.Join("\n", raw));

        var read = await Hardship.Read<FileView>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}"));
        Assert.Equal((27_123.45m, 3_210.98m), (read.AnnualIncome, read.EssentialCosts));
        Assert.Equal([HardshipCause.Illness], read.Causes);
        Assert.Equal("住院证明不实", (await Hardship.Read<FileView>(await _hardship.Admin.GetAsync($"/api/hardship-files/{rejected.Id}"))).ClosingReason);
    }
}

/// <summary>A database from before the encryption: the migration and the backfill carry its files over, readable.</summary>
public class PersonalDataMigrationTests
{
    [Fact]
    public async Task Files_written_before_the_encryption_are_encrypted_by_the_migration_and_the_backfill()
    {
        var database = await UnionPlatform.Testing.TestServers.CreateDatabaseAsync("hardship_legacy");
        await using var db = new HardshipDbContext(new DbContextOptionsBuilder<HardshipDbContext>()
            .UseNpgsql(database).UseSnakeCaseNamingConvention().UsePersonalData(UnionPlatform.Testing.TestPersonalData.Protector()).Options);
        await db.GetService<IMigrator>().MigrateAsync("20261201091235_OutboxOrderAndParking");
        var id = Guid.NewGuid();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO hardship_files (id, member_id, district_id, union_id, state, household_size, annual_income, essential_costs, causes,
                created_on, closing_reason, needs_reassessment)
            VALUES ({id}, {Guid.NewGuid()}, 'gulou', {Guid.NewGuid()}, 'Rejected', 3, 27000.50, 1200, ARRAY['Illness', 'Unemployment'],
                {new DateOnly(2025, 3, 1)}, '材料不全', false)
            """);

        await db.Database.MigrateAsync();
        Assert.Equal(1, await PersonalDataBackfill.RunAsync(db, CancellationToken.None));

        var file = await db.Files.AsNoTracking().SingleAsync(f => f.Id == id);
        Assert.Equal((27_000.50m, 1_200m, "材料不全"), (file.AnnualIncome, file.EssentialCosts, file.ClosingReason));
        Assert.Equal([HardshipCause.Illness, HardshipCause.Unemployment], file.Causes);
        var raw = await db.Database.SqlQuery<string>($"SELECT annual_income || causes || closing_reason AS \"Value\" FROM hardship_files").SingleAsync();
        Assert.DoesNotContain("27000", raw);
        Assert.DoesNotContain("Illness", raw);
    }
}
