using System.Net;
using System.Net.Http.Json;
using UnionPlatform.Documents;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;

namespace UnionPlatform.HardshipAid.Tests.Support;

/// <summary>Builds what a test needs: eligible members (written as the Membership consumers would), allowances, files in a state.</summary>
public sealed class Hardship(HardshipApp app)
{
    public const decimal Allowance = 1_000m;
    /// <summary>The city's business date, as the service computes it (read per use, so a run across midnight in the city stays consistent).</summary>
    public static DateOnly Today => UnionPlatform.Kernel.BusinessCalendar.Today(TimeProvider.System);

    /// <summary>Three people, 27,000 a year less 3,000 costs: 666.67 per person a month, Deep against 1,000.</summary>
    public static IncomeCheck DeepCheck => new(Today, 3, 27_000m, 3_000m);
    public static IncomeCheck RelativeCheck => new(Today, 3, 54_000m, 0m);

    public HttpClient Admin { get; } = app.Admin();

    /// <summary>A member in the eligibility view, as if Membership's MemberJoined (or a later event) had been consumed.</summary>
    public async Task<Guid> MemberAsync(string district, MembershipStatus status = MembershipStatus.Active)
    {
        var member = EligibleMember.Unknown(Guid.NewGuid());
        member.Apply(DateTimeOffset.UtcNow.AddDays(-30), status, district, Guid.NewGuid());
        await app.WithDbAsync(async db =>
        {
            db.Members.Add(member);
            return await db.SaveChangesAsync();
        });
        return member.MemberId;
    }

    /// <summary>The district's 低保 of 1,000 since 2020 (once per district and database).</summary>
    public async Task AllowanceAsync(string district)
    {
        var response = await Admin.PostAsJsonAsync("/api/allowances", new PublishAllowance(district, Allowance, new DateOnly(2020, 1, 1)));
        if (response.StatusCode != HttpStatusCode.Conflict) await Read<PublishedAllowance>(response);
    }

    public async Task<FileView> DraftAsync(Guid memberId, HttpClient? client = null) =>
        await Read<FileView>(await (client ?? Admin).PostAsJsonAsync("/api/hardship-files",
            new OpenFile(memberId, 3, 27_000m, 3_000m, [HardshipCause.Illness])));

    /// <summary>A new member's file, taken through the lifecycle to <paramref name="state"/> by the admin.</summary>
    public async Task<FileView> FileAsync(string district, FileState state = FileState.Filed, IncomeCheck? check = null, Guid? memberId = null)
    {
        await AllowanceAsync(district);
        var file = await DraftAsync(memberId ?? await MemberAsync(district));
        var steps = new (FileState Before, Func<Task<HttpResponseMessage>> Step)[]
        {
            (FileState.Draft, () => Admin.PostAsync($"/api/hardship-files/{file.Id}/submit", null)),
            (FileState.Submitted, () => Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/survey", new RecordSurvey(Today))),
            (FileState.Surveyed, () => Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/income-check", check ?? DeepCheck)),
            (FileState.IncomeChecked, () => Admin.PostAsync($"/api/hardship-files/{file.Id}/public-notice", null)),
            (FileState.PublicNotice, async () =>
            {
                await Read<DocumentView>(await UploadAsync(file.Id, HardshipDocuments.Consent, ConsentForm(file.Id)));
                return await Admin.PostAsync($"/api/hardship-files/{file.Id}/file", null);
            }),
        };
        foreach (var (before, step) in steps)
        {
            if (file.State == state) break;
            Assert.Equal(before, file.State);
            file = await Read<FileView>(await step());
        }
        Assert.Equal(state, file.State);
        return file;
    }

    /// <summary>A signed consent form of its own for each file (the same content twice for one file is one document).</summary>
    public static byte[] ConsentForm(Guid fileId) => PlaceholderPdf.Create($"Signed consent to the income check, file {fileId}");

    /// <summary>POSTs a document as the portal does: multipart/form-data with the content in a part named "file".</summary>
    public Task<HttpResponseMessage> UploadAsync(Guid fileId, string kind, byte[] content, string fileName = "授权书.pdf",
        string declaredType = "application/pdf", HttpClient? client = null)
    {
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(declaredType);
        var form = new MultipartFormDataContent { { part, "file", fileName } };
        return (client ?? Admin).PostAsync($"/api/hardship-files/{fileId}/documents?kind={kind}", form);
    }

    public static Task<T> Read<T>(HttpResponseMessage response) => UnionPlatform.Testing.Answers.Read<T>(response);

    public static Task<System.Text.Json.JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected) =>
        UnionPlatform.Testing.Answers.Problem(response, expected);

    public static readonly System.Text.Json.JsonSerializerOptions Json = UnionPlatform.Testing.Answers.Json;
}
