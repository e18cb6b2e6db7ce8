using UnionPlatform.ServiceDefaults.Http;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;

namespace UnionPlatform.HardshipAid.Tests.Api;

public class HardshipFilesApiTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);

    [Fact]
    public async Task A_file_runs_from_draft_to_filed_and_publishes_ids_and_category_only()
    {
        var file = await _hardship.FileAsync("gulou");
        Assert.Equal((HardshipCategory.Deep, Hardship.Today, Hardship.Today.AddYears(1)), (file.Category, file.FiledOn, file.ReviewDueOn));
        Assert.Equal(Hardship.Today.AddDays(5), file.SurveyDueOn);
        Assert.Equal(666.67m, file.PerPersonMonthlyIncome);

        var filed = Assert.Single(await app.OutboxAsync("HardshipFileFiled", file.Id));
        Assert.Equal("Deep", filed.GetProperty("category").GetString());
        foreach (var secret in new[] { "income", "27000", "household", "causes", "Illness", "nationalId" })
            Assert.DoesNotContain(secret, filed.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_illegal_transition_is_409_naming_the_current_state()
    {
        var file = await _hardship.FileAsync("gulou", FileState.Submitted);
        var problem = await Hardship.Problem(await _hardship.Admin.PostAsync($"/api/hardship-files/{file.Id}/file", null), HttpStatusCode.Conflict);
        Assert.Equal("Submitted", problem.GetProperty("currentState").GetString());
        Assert.Contains("Submitted", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_an_active_member_in_the_eligibility_view_can_open_a_file()
    {
        var unknown = await _hardship.Admin.PostAsJsonAsync("/api/hardship-files", new OpenFile(Guid.NewGuid(), 3, 1_000m, 0m, [HardshipCause.Illness]));
        await Hardship.Problem(unknown, HttpStatusCode.NotFound);

        var withdrawn = await _hardship.MemberAsync("gulou", MembershipStatus.Withdrawn);
        var problem = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/hardship-files",
            new OpenFile(withdrawn, 3, 1_000m, 0m, [HardshipCause.Illness])), HttpStatusCode.Conflict);
        Assert.Equal("Withdrawn", problem.GetProperty("currentState").GetString());
    }

    [Fact]
    public async Task A_member_holds_one_open_file_and_may_apply_again_after_it_closes()
    {
        var member = await _hardship.MemberAsync("gulou");
        var first = await _hardship.DraftAsync(member);
        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/hardship-files",
            new OpenFile(member, 3, 1_000m, 0m, [HardshipCause.Illness])), HttpStatusCode.Conflict);

        await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{first.Id}/cancel", new GiveReason("Applied twice")));
        var second = await _hardship.DraftAsync(member);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Concurrent_applications_for_one_member_open_one_file()
    {
        var member = await _hardship.MemberAsync("gulou");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => app.Admin().PostAsJsonAsync("/api/hardship-files",
            new OpenFile(member, 3, 1_000m, 0m, [HardshipCause.Illness]))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field()
    {
        var member = await _hardship.MemberAsync("gulou");
        var problem = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/hardship-files",
            new OpenFile(null, 0, -1m, 1.001m, [])), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "memberId", "householdSize", "annualIncome", "essentialCosts", "causes" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} is named");

        var wrongType = await _hardship.Admin.PostAsync("/api/hardship-files", new StringContent(
            $$"""{"memberId":"{{member}}","householdSize":"three","annualIncome":1000,"essentialCosts":0,"causes":["Illness"]}""",
            Encoding.UTF8, "application/json"));
        Assert.True((await Hardship.Problem(wrongType, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("householdSize", out _));

        var unknownCause = await _hardship.Admin.PostAsync("/api/hardship-files", new StringContent(
            $$"""{"memberId":"{{member}}","householdSize":3,"annualIncome":1000,"essentialCosts":0,"causes":["Boredom"]}""",
            Encoding.UTF8, "application/json"));
        await Hardship.Problem(unknownCause, HttpStatusCode.BadRequest);

        var surveyed = await _hardship.FileAsync("gulou", FileState.Surveyed);
        var noConsent = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{surveyed.Id}/income-check",
            new IncomeCheck(null, 3, 27_000m, 3_000m)), HttpStatusCode.BadRequest);
        Assert.True(noConsent.GetProperty("errors").TryGetProperty("consentSignedOn", out _));

        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{surveyed.Id}/survey", new RecordSurvey(null)), HttpStatusCode.BadRequest);
        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{surveyed.Id}/reject", new GiveReason(" ")), HttpStatusCode.BadRequest);
        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{surveyed.Id}/exit", new ExitFile(ExitReason.MembershipEnded, null)), HttpStatusCode.BadRequest);
        await Hardship.Problem(await _hardship.Admin.GetAsync("/api/hardship-files?pageSize=1000"), HttpStatusCode.BadRequest);
        await Hardship.Problem(await _hardship.Admin.GetAsync($"/api/hardship-files/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_household_above_the_line_is_rejected_at_the_income_check()
    {
        var file = await _hardship.FileAsync("gulou", FileState.Surveyed);
        var checkedFile = await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/income-check",
            new IncomeCheck(Hardship.Today, 1, 100_000m, 0m)));
        Assert.Equal((FileState.Rejected, "IncomeAboveLine"), (checkedFile.State, checkedFile.ClosingReason));
    }

    [Fact]
    public async Task Without_a_published_allowance_the_income_check_is_409()
    {
        var district = $"noallowance{Guid.NewGuid():N}"[..20];
        var file = await _hardship.DraftAsync(await _hardship.MemberAsync(district));
        await _hardship.Admin.PostAsync($"/api/hardship-files/{file.Id}/submit", null);
        await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/survey", new RecordSurvey(Hardship.Today));
        var problem = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/income-check", Hardship.DeepCheck), HttpStatusCode.Conflict);
        Assert.Equal("Surveyed", problem.GetProperty("currentState").GetString());
    }

    [Fact]
    public async Task Exit_and_renewal_publish_what_changed()
    {
        var exited = await _hardship.FileAsync("gulou");
        var view = await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{exited.Id}/exit",
            new ExitFile(ExitReason.OutOfHardship, "Found steady work")));
        Assert.Equal((FileState.Exited, ExitReason.OutOfHardship), (view.State, view.ExitReason));
        Assert.Equal("OutOfHardship", Assert.Single(await app.OutboxAsync("HardshipFileExited", exited.Id)).GetProperty("reason").GetString());

        var renewed = await _hardship.FileAsync("gulou");
        await Hardship.Read<FileView>(await _hardship.Admin.PostAsync($"/api/hardship-files/{renewed.Id}/annual-review", null));
        view = await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{renewed.Id}/renewal", Hardship.RelativeCheck));
        Assert.Equal((FileState.Filed, HardshipCategory.Relative), (view.State, view.Category));
        var changed = Assert.Single(await app.OutboxAsync("HardshipCategoryChanged", renewed.Id));
        Assert.Equal("AnnualReview", changed.GetProperty("trigger").GetString());
        Assert.DoesNotContain("54000", changed.GetRawText());
    }

    [Fact]
    public async Task Overdue_surveys_and_reviews_are_listed_per_district()
    {
        var late = await _hardship.FileAsync("qinhuai", FileState.Submitted);
        var lapsed = await _hardship.FileAsync("qinhuai");
        var onTime = await _hardship.FileAsync("qinhuai", FileState.Submitted);
        await app.WithDbAsync(db => db.Files.Where(f => f.Id == late.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.SurveyDueOn, Hardship.Today.AddDays(-2))));
        await app.WithDbAsync(db => db.Files.Where(f => f.Id == lapsed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ReviewDueOn, Hardship.Today.AddDays(-1))));

        var items = await Hardship.Read<List<OverdueItem>>(await app.ClientAs("district-staff", "qinhuai").GetAsync("/api/hardship-files/overdue"));
        Assert.Contains(items, i => i.FileId == late.Id && i.Work == "Survey" && i.DaysOverdue == 2);
        Assert.Contains(items, i => i.FileId == lapsed.Id && i.Work == "AnnualReview" && i.DaysOverdue == 1);
        Assert.DoesNotContain(items, i => i.FileId == onTime.Id);

        var gulou = await Hardship.Read<List<OverdueItem>>(await app.ClientAs("district-staff", "gulou").GetAsync("/api/hardship-files/overdue"));
        Assert.DoesNotContain(gulou, i => i.DistrictId == "qinhuai");
        await Hardship.Problem(await app.ClientAs("district-staff", "gulou").GetAsync("/api/hardship-files/overdue?districtId=qinhuai"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lists_filter_and_page()
    {
        var file = await _hardship.FileAsync("pukou");
        var page = await Hardship.Read<Paged<FileView>>(await _hardship.Admin.GetAsync($"/api/hardship-files?districtId=pukou&state=Filed&category=Deep&pageSize=1"));
        Assert.Equal(1, page.PageSize);
        Assert.Single(page.Items);
        var byMember = await Hardship.Read<Paged<FileView>>(await _hardship.Admin.GetAsync($"/api/hardship-files?memberId={file.MemberId}"));
        Assert.Equal(file.Id, Assert.Single(byMember.Items).Id);
    }

    [Fact]
    public async Task A_draft_can_be_corrected_until_it_is_submitted()
    {
        var draft = await _hardship.DraftAsync(await _hardship.MemberAsync("gulou"));
        var corrected = await Hardship.Read<FileView>(await _hardship.Admin.PutAsJsonAsync($"/api/hardship-files/{draft.Id}",
            new OpenFile(null, 4, 40_000m, 1_000m, [HardshipCause.Disability, HardshipCause.Education])));
        Assert.Equal((4, 40_000m, 812.5m), (corrected.HouseholdSize, corrected.AnnualIncome, corrected.PerPersonMonthlyIncome));
        Assert.Equal([HardshipCause.Disability, HardshipCause.Education], corrected.Causes);

        var bad = await Hardship.Problem(await _hardship.Admin.PutAsJsonAsync($"/api/hardship-files/{draft.Id}",
            new OpenFile(Guid.NewGuid(), 4, 40_000m, 1_000m, [])), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("memberId", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("causes", out _));

        await Hardship.Read<FileView>(await _hardship.Admin.PostAsync($"/api/hardship-files/{draft.Id}/submit", null));
        var late = await Hardship.Problem(await _hardship.Admin.PutAsJsonAsync($"/api/hardship-files/{draft.Id}",
            new OpenFile(null, 4, 40_000m, 1_000m, [HardshipCause.Disability])), HttpStatusCode.Conflict);
        Assert.Equal("Submitted", late.GetProperty("currentState").GetString());
    }
}
