using UnionPlatform.Membership.UseCases;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.Kernel;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Tests.Api;

public class RosterImportTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private readonly HttpClient _admin = app.Admin();

    static RosterImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static HttpContent Csv(string text, Encoding encoding, string? charset)
    {
        var content = new ByteArrayContent(encoding.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = charset };
        return content;
    }

    private async Task<ImportReport> ImportAsync(Guid union, HttpContent csv) =>
        await World.Read<ImportReport>(await _admin.PostAsync($"/api/unions/{union}/roster", csv));

    [Theory]
    [InlineData(null)]       // the bytes decide
    [InlineData("gb18030")]
    [InlineData("GBK")]
    public async Task A_roster_saved_by_excel_as_gbk_is_decoded(string? charset)
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var csv = $"nationalId,name,phone\n{World.NewNationalId()},欧阳娜娜,13800000001\n";
        var report = await ImportAsync(union, Csv(csv, Encoding.GetEncoding("GB18030"), charset));
        Assert.Equal(1, report.Imported);
        var names = await app.WithDbAsync(db => db.Members.Where(m => m.UnionId == union).Select(m => m.Name).ToListAsync());
        Assert.Equal(["欧阳娜娜"], names);
    }

    private static HttpContent Workbook(IEnumerable<object> rows)
    {
        var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, rows, printHeader: false, excelType: MiniExcelLibs.ExcelType.XLSX);
        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(UnionPlatform.ServiceDefaults.Http.SpreadsheetReader.MediaType);
        return content;
    }

    [Fact]
    public async Task An_excel_workbook_is_imported_and_its_bad_row_reported_by_its_row_number()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var good = World.NewNationalId();
        var rows = new List<object>
        {
            new Dictionary<string, object> { ["A"] = "nationalId", ["B"] = "name", ["C"] = "phone", ["D"] = "joinedOn" },
            new Dictionary<string, object> { ["A"] = good, ["B"] = "欧阳娜娜", ["C"] = 13800000001L, ["D"] = new DateTime(2024, 3, 1) },
            new Dictionary<string, object> { ["A"] = "36120219900101123", ["B"] = "张伟", ["C"] = "13800000002", ["D"] = "" },
            new Dictionary<string, object> { ["A"] = World.NewNationalId(), ["B"] = "李娜", ["C"] = "13800000003", ["D"] = "" },
        };
        var report = await ImportAsync(union, Workbook(rows));

        Assert.Equal((3, 2, 1), (report.Rows, report.Imported, report.Rejected));
        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "nationalId"), (error.Line, error.Field));
        var first = await app.WithDbAsync(db => db.Members.Where(m => m.UnionId == union && m.Name == "欧阳娜娜").Select(m => m.JoinedOn).SingleAsync());
        Assert.Equal(new DateOnly(2024, 3, 1), first); // a date cell, read as the date
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_a_400_naming_the_body()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var content = new ByteArrayContent("nationalId,name,phone\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(UnionPlatform.ServiceDefaults.Http.SpreadsheetReader.MediaType);
        var response = await _admin.PostAsync($"/api/unions/{union}/roster", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"body\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_charset_is_a_400()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var response = await _admin.PostAsync($"/api/unions/{union}/roster", Csv("nationalId,name,phone\n", Encoding.UTF8, "koi8-r"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Imported_members_match_applied_ones_spaces_and_lower_case_x_included()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var id = World.NewNationalId();
        var old = Hardening.Today.AddYears(-5);
        var report = await ImportAsync(union, Csv($"nationalId,name,phone,joinedOn\n  {id.ToLowerInvariant()} ,周杰,13800000002,{old:yyyy-MM-dd}\n", Encoding.UTF8, null));
        Assert.Equal(1, report.Imported);
        var member = await app.WithDbAsync(db => db.Members.AsNoTracking().Include(m => m.History).SingleAsync(m => m.UnionId == union));
        Assert.Equal((id, old), (member.NationalId, member.JoinedOn));
        Assert.Equal(0, member.MonthsInArrears(Hardening.Today)); // the union vouches for dues up to the import
        Assert.Equal([MemberChange.Applied, MemberChange.Joined], member.History.OrderBy(h => h.Sequence).Select(h => h.Change));
    }

    [Fact]
    public async Task A_former_member_of_the_district_re_enrols_and_another_districts_record_is_refused_neutrally()
    {
        var world = await World.CreateAsync(_admin, "gulou", "jiangbei");
        var (union, _) = await world.UnionAsync("gulou");
        var (elsewhere, _) = await world.UnionAsync("jiangbei");
        var (formerId, foreignId, activeId) = (World.NewNationalId(), World.NewNationalId(), World.NewNationalId());
        var former = await world.ActiveMemberAsync(union, nationalId: formerId);
        await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{former.Id}/withdraw", new WithdrawMember(WithdrawalReason.Voluntary)));
        var foreign = await world.ActiveMemberAsync(elsewhere, nationalId: foreignId);
        await World.Read<MemberView>(await _admin.PostAsJsonAsync($"/api/members/{foreign.Id}/withdraw", new WithdrawMember(WithdrawalReason.Voluntary)));
        await world.ActiveMemberAsync(union, nationalId: activeId);

        var csv = $"nationalId,name,phone\n{formerId},回来了,13800000003\n{foreignId},别区的,13800000004\n{activeId},在会的,13800000005\n";
        var report = await ImportAsync(union, Csv(csv, Encoding.UTF8, "utf-8"));

        Assert.Equal((3, 1, 2), (report.Rows, report.Imported, report.Rejected));
        Assert.Equal([(3, "This person cannot be enrolled by this union."), (4, "This person already holds a membership.")],
            report.Errors.Select(e => (e.Line, e.Message)));
        await app.WithDbAsync(async db =>
        {
            var back = await db.Members.AsNoTracking().Include(m => m.History).SingleAsync(m => m.Id == former.Id);
            Assert.Equal((MemberStatus.Active, "回来了"), (back.Status, back.Name));
            Assert.Equal([MemberChange.Applied, MemberChange.Joined], back.History.OrderBy(h => h.Sequence).TakeLast(2).Select(h => h.Change));
            var untouched = await db.Members.AsNoTracking().SingleAsync(m => m.Id == foreign.Id);
            Assert.Equal((MemberStatus.Withdrawn, "jiangbei"), (untouched.Status, untouched.DistrictId));
            return 0;
        });
    }

    [Fact]
    public async Task A_row_with_a_control_character_is_reported_not_a_500()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var report = await ImportAsync(union, Csv($"nationalId,name,phone\n{World.NewNationalId()},坏\u0000名,13800000006\n{World.NewNationalId()},好名,13800000007\n", Encoding.UTF8, null));
        Assert.Equal((2, 1), (report.Rows, report.Imported));
        Assert.Equal(2, Assert.Single(report.Errors).Line);
    }

    [Fact]
    public async Task Another_districts_staff_cannot_import_into_a_union()
    {
        var world = await World.CreateAsync(_admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var staff = app.ClientAs(UnionRoles.DistrictStaff, "jiangbei");
        var response = await staff.PostAsync($"/api/unions/{union}/roster", Csv($"nationalId,name,phone\n{World.NewNationalId()},某人,13800000008\n", Encoding.UTF8, null));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Members.CountAsync(m => m.UnionId == union)));
    }
}
