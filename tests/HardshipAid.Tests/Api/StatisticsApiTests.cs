using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;

namespace UnionPlatform.HardshipAid.Tests.Api;

public class StatisticsApiTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);

    [Fact]
    public async Task A_district_sees_its_files_by_category_aid_paid_exits_and_days_to_filing()
    {
        var deep = await _hardship.FileAsync("liuhe");
        await _hardship.FileAsync("liuhe", check: Hardship.RelativeCheck);
        var exited = await _hardship.FileAsync("liuhe");
        await _hardship.FileAsync("gaochun");
        await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{exited.Id}/exit", new ExitFile(ExitReason.OutOfHardship, null)));
        var grant = await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{deep.Id}/grants",
            new GrantAid(null, AidType.Medical, 1_500.50m, 2_000m, null)));
        await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{deep.Id}/grants",
            new GrantAid(null, AidType.Living, 999m, null, null))); // still pending: not counted as paid
        await app.WithDbAsync(db => db.Grants.Where(g => g.Id == grant.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GrantStatus.Paid)));
        await app.WithDbAsync(db => db.Files.Where(f => f.Id == deep.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.SubmittedOn, Hardship.Today.AddDays(-9))));

        var stats = await Hardship.Read<List<DistrictStatistics>>(await app.ClientAs("district-staff", "liuhe").GetAsync("/api/hardship-statistics"));
        var liuhe = Assert.Single(stats);
        Assert.Equal(("liuhe", Hardship.Today.Year), (liuhe.DistrictId, liuhe.Year));
        Assert.Equal(1, liuhe.ActiveFilesByCategory[HardshipCategory.Deep]);
        Assert.Equal(1, liuhe.ActiveFilesByCategory[HardshipCategory.Relative]);
        Assert.Equal(1_500.50m, Assert.Single(liuhe.AidPaidByType).Value);
        Assert.Equal(1, liuhe.ExitsThisYear);
        Assert.Equal(3.0m, liuhe.AverageDaysToFiling); // (9 + 0 + 0) / 3

        var city = await Hardship.Read<List<DistrictStatistics>>(await _hardship.Admin.GetAsync("/api/hardship-statistics"));
        Assert.Contains(city, s => s.DistrictId == "gaochun");
        await Hardship.Problem(await app.ClientAs("district-staff", "liuhe").GetAsync("/api/hardship-statistics?districtId=gaochun"), HttpStatusCode.NotFound);
        await Hardship.Problem(await _hardship.Admin.GetAsync("/api/hardship-statistics?year=1900"), HttpStatusCode.BadRequest);
    }
}
