using UnionPlatform.HardshipAid.Jobs;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;

namespace UnionPlatform.HardshipAid.Tests.Api;

public class AllowancesApiTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);

    [Fact]
    public async Task A_new_standard_in_force_reevaluates_the_districts_filed_files()
    {
        var file = await _hardship.FileAsync("xuanwu", check: Hardship.RelativeCheck); // 1,500 per person: Relative against 1,000
        var other = await _hardship.FileAsync("gulou", check: Hardship.RelativeCheck);
        Assert.Equal(HardshipCategory.Relative, file.Category);

        var published = await Hardship.Read<PublishedAllowance>(await _hardship.Admin.PostAsJsonAsync("/api/allowances",
            new PublishAllowance("xuanwu", 1_600m, Hardship.Today)));
        Assert.Equal((1, 1), (published.FilesReevaluated, published.CategoriesChanged));

        var after = await Hardship.Read<FileView>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}"));
        Assert.Equal((HardshipCategory.Deep, 1_600m), (after.Category, after.AllowanceApplied));
        var changed = Assert.Single(await app.OutboxAsync("HardshipCategoryChanged", file.Id));
        Assert.Equal("ThresholdChanged", changed.GetProperty("trigger").GetString());
        Assert.Empty(await app.OutboxAsync("HardshipCategoryChanged", other.Id));
    }

    [Fact]
    public async Task A_future_standard_reevaluates_the_files_on_its_first_day()
    {
        var file = await _hardship.FileAsync("jiangning", check: Hardship.RelativeCheck);
        await Hardship.Read<PublishedAllowance>(await _hardship.Admin.PostAsJsonAsync("/api/allowances",
            new PublishAllowance("jiangning", 1_600m, Hardship.Today.AddDays(1))));
        // Its first day comes: the stored effective date moves to today rather than the clock moving forward.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE minimum_living_allowances SET effective_from = {Hardship.Today} WHERE district_id = 'jiangning' AND amount = 1600"));

        var changed = await app.Services.GetRequiredService<AllowanceWatch>().ApplyDueAsync(CancellationToken.None);

        Assert.True(changed >= 1);
        Assert.Equal(HardshipCategory.Deep, (await Hardship.Read<FileView>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}"))).Category);
        Assert.Single(await app.OutboxAsync("HardshipCategoryChanged", file.Id));
        Assert.Equal(0, await app.Services.GetRequiredService<AllowanceWatch>().ApplyDueAsync(CancellationToken.None)); // applied once
    }

    [Fact]
    public async Task A_future_standard_is_stored_but_changes_no_file_yet()
    {
        var file = await _hardship.FileAsync("yuhuatai", check: Hardship.RelativeCheck);
        var published = await Hardship.Read<PublishedAllowance>(await _hardship.Admin.PostAsJsonAsync("/api/allowances",
            new PublishAllowance("yuhuatai", 1_600m, Hardship.Today.AddMonths(1))));
        Assert.Equal(0, published.FilesReevaluated);
        Assert.Equal(HardshipCategory.Relative, (await Hardship.Read<FileView>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}"))).Category);
        var list = await Hardship.Read<List<AllowanceView>>(await _hardship.Admin.GetAsync("/api/allowances?districtId=yuhuatai"));
        Assert.Equal([1_600m, 1_000m], list.Select(a => a.Amount));
    }

    [Fact]
    public async Task Bad_or_duplicate_standards_are_refused()
    {
        var bad = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/allowances", new PublishAllowance(" ", 0m, null)), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "districtId", "amount", "effectiveFrom" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), $"{field} is named");
        var standard = new PublishAllowance("lishui", 900m, new DateOnly(2024, 1, 1));
        Assert.Equal(HttpStatusCode.Created, (await _hardship.Admin.PostAsJsonAsync("/api/allowances", standard)).StatusCode);
        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/allowances", standard), HttpStatusCode.Conflict);
    }
}
