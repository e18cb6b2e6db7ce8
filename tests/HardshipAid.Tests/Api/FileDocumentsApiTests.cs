using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using UnionPlatform.Documents;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;
using UnionPlatform.Kernel.Privacy;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.HardshipAid.Tests.Api;

/// <summary>A hardship file's documents through the shared store: uploaded, listed, read back, refused, and required for filing.</summary>
public class FileDocumentsApiTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);

    [Fact]
    public async Task A_consent_form_is_kept_listed_and_read_back_byte_for_byte_with_its_hash()
    {
        var file = await _hardship.FileAsync("gulou", FileState.Surveyed);
        var content = Hardship.ConsentForm(file.Id);
        // The client's declared type is not believed: the content says what it is.
        using var created = await _hardship.UploadAsync(file.Id, HardshipDocuments.Consent, content, "王芳 授权书.pdf", declaredType: "application/octet-stream");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await Hardship.Read<DocumentView>(created);
        Assert.Equal((HardshipDocuments.Consent, "王芳 授权书.pdf", DocumentLimits.Pdf, (long)content.Length, Convert.ToHexStringLower(SHA256.HashData(content))),
            (document.Kind, document.FileName, document.MediaType, document.Size, document.Sha256));
        Assert.EndsWith($"/api/hardship-files/{file.Id}/documents/{document.Id}", created.Headers.Location!.ToString());

        var listed = Assert.Single(await Hardship.Read<List<DocumentView>>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}/documents")));
        Assert.Equal(document, listed);
        Assert.Equal(document.Id, (await Hardship.Read<FileView>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}"))).ConsentDocumentId);

        using var read = await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}/documents/{document.Id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(content, await read.Content.ReadAsByteArrayAsync());
        Assert.Equal(DocumentLimits.Pdf, read.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", read.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"\"{document.Sha256}\"", read.Headers.ETag?.Tag);
        Assert.Contains("nosniff", read.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(read.Headers.CacheControl is { NoStore: true, Private: true });

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/hardship-files/{file.Id}/documents/{document.Id}");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{document.Sha256}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await _hardship.Admin.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task The_same_content_uploaded_again_for_the_file_is_the_same_document()
    {
        var file = await _hardship.FileAsync("gulou", FileState.Submitted);
        var photo = Png(40_000);
        var first = await Hardship.Read<DocumentView>(await _hardship.UploadAsync(file.Id, HardshipDocuments.SurveyPhoto, photo, "visit.png", "image/png"));
        using var retried = await _hardship.UploadAsync(file.Id, HardshipDocuments.SurveyPhoto, photo, "visit (1).png", "image/png");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(first, await Hardship.Read<DocumentView>(retried));
        // Content larger than one chunk comes back whole and in order.
        var large = Png(DocumentChunk.Size * 2 + 123);
        var proof = await Hardship.Read<DocumentView>(await _hardship.UploadAsync(file.Id, HardshipDocuments.IncomeProof, large, "payslips.png", "image/png"));
        Assert.Equal(large, await _hardship.Admin.GetByteArrayAsync($"/api/hardship-files/{file.Id}/documents/{proof.Id}"));
        Assert.Equal(2, (await Hardship.Read<List<DocumentView>>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}/documents"))).Count);
    }

    [Fact]
    public async Task A_file_is_not_filed_until_its_signed_consent_form_is_uploaded()
    {
        var file = await _hardship.FileAsync("gulou", FileState.PublicNotice);
        var refused = await Hardship.Problem(await _hardship.Admin.PostAsync($"/api/hardship-files/{file.Id}/file", null), HttpStatusCode.Conflict);
        Assert.Equal("PublicNotice", refused.GetProperty("currentState").GetString());
        Assert.Contains("consent form", refused.GetProperty("detail").GetString());

        // An income proof is not the consent form.
        await Hardship.Read<DocumentView>(await _hardship.UploadAsync(file.Id, HardshipDocuments.IncomeProof, PlaceholderPdf.Create("Payslip")));
        await Hardship.Problem(await _hardship.Admin.PostAsync($"/api/hardship-files/{file.Id}/file", null), HttpStatusCode.Conflict);

        await Hardship.Read<DocumentView>(await _hardship.UploadAsync(file.Id, HardshipDocuments.Consent, Hardship.ConsentForm(file.Id)));
        Assert.Equal(FileState.Filed, (await Hardship.Read<FileView>(await _hardship.Admin.PostAsync($"/api/hardship-files/{file.Id}/file", null))).State);
    }

    [Fact]
    public async Task Bad_uploads_are_refused_with_a_problem_naming_the_field()
    {
        var file = await _hardship.FileAsync("gulou", FileState.Submitted);
        var pdf = PlaceholderPdf.Create("x");

        Assert.True((await Hardship.Problem(await _hardship.UploadAsync(file.Id, "Payslip", pdf), HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("kind", out _));
        var script = "<script>alert(1)</script>"u8.ToArray();
        var notPdf = await Hardship.Problem(await _hardship.UploadAsync(file.Id, HardshipDocuments.Consent, script, "consent.pdf"), HttpStatusCode.UnsupportedMediaType);
        Assert.True(notPdf.GetProperty("errors").TryGetProperty("file", out _));
        await Hardship.Problem(await _hardship.UploadAsync(file.Id, HardshipDocuments.Consent, []), HttpStatusCode.BadRequest);

        var tooLarge = new byte[DocumentLimits.Default.MaxBytes + 1];
        pdf.AsSpan(0, 8).CopyTo(tooLarge);
        Assert.True((await Hardship.Problem(await _hardship.UploadAsync(file.Id, HardshipDocuments.Consent, tooLarge), HttpStatusCode.RequestEntityTooLarge))
            .GetProperty("errors").TryGetProperty("file", out _));

        using var raw = new ByteArrayContent(pdf);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        await Hardship.Problem(await _hardship.Admin.PostAsync($"/api/hardship-files/{file.Id}/documents?kind=Consent", raw), HttpStatusCode.UnsupportedMediaType);
        using var noFilePart = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        await Hardship.Problem(await _hardship.Admin.PostAsync($"/api/hardship-files/{file.Id}/documents?kind=Consent", noFilePart), HttpStatusCode.BadRequest);
        Assert.Empty(await Hardship.Read<List<DocumentView>>(await _hardship.Admin.GetAsync($"/api/hardship-files/{file.Id}/documents")));
    }

    [Fact]
    public async Task A_closed_file_takes_no_document_and_another_district_sees_none()
    {
        var file = await _hardship.FileAsync("gulou", FileState.Submitted);
        var kept = await Hardship.Read<DocumentView>(await _hardship.UploadAsync(file.Id, HardshipDocuments.SurveyPhoto, Png(100)));
        await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/reject", new GiveReason("Not the household")));
        var closed = await Hardship.Problem(await _hardship.UploadAsync(file.Id, HardshipDocuments.SurveyPhoto, Png(200)), HttpStatusCode.Conflict);
        Assert.Equal("Rejected", closed.GetProperty("currentState").GetString());

        using var other = app.ClientAs(UnionRoles.DistrictStaff, "xuanwu");
        await Hardship.Problem(await other.GetAsync($"/api/hardship-files/{file.Id}/documents"), HttpStatusCode.NotFound);
        await Hardship.Problem(await other.GetAsync($"/api/hardship-files/{file.Id}/documents/{kept.Id}"), HttpStatusCode.NotFound);
        // A document is reached only through the file it belongs to.
        var elsewhere = await _hardship.FileAsync("gulou", FileState.Submitted);
        await Hardship.Problem(await _hardship.Admin.GetAsync($"/api/hardship-files/{elsewhere.Id}/documents/{kept.Id}"), HttpStatusCode.NotFound);
        using var auditor = app.ClientAs(UnionRoles.Auditor);
        Assert.Equal(Png(100), await auditor.GetByteArrayAsync($"/api/hardship-files/{file.Id}/documents/{kept.Id}"));
    }

    [Fact]
    public async Task The_database_keeps_file_names_encrypted_and_refuses_filing_without_a_consent_form_of_the_file_itself()
    {
        var file = await _hardship.FileAsync("gulou", FileState.PublicNotice);
        var proof = await Hardship.Read<DocumentView>(await _hardship.UploadAsync(file.Id, HardshipDocuments.IncomeProof, PlaceholderPdf.Create("Payslip"), "李娜工资单.pdf"));
        var filed = await _hardship.FileAsync("gulou");

        await using var connection = new NpgsqlConnection(app.Database);
        await connection.OpenAsync();
        await using (var name = new NpgsqlCommand("SELECT file_name FROM documents WHERE id = @id", connection))
        {
            name.Parameters.AddWithValue("id", proof.Id);
            var stored = (string)(await name.ExecuteScalarAsync())!;
            Assert.StartsWith(PersonalDataProtector.Prefix, stored);
            Assert.DoesNotContain("李娜", stored);
        }
        // Whatever writes the row: no step into Filed without a consent form, and only one of the file's own documents.
        var noConsent = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection,
            "UPDATE hardship_files SET state = 'Filed', filed_on = current_date WHERE id = @id", ("id", file.Id)));
        Assert.Equal(PostgresErrorCodes.CheckViolation, noConsent.SqlState);
        var othersConsent = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection,
            "UPDATE hardship_files SET consent_document_id = (SELECT consent_document_id FROM hardship_files WHERE id = @filed) WHERE id = @id",
            ("filed", filed.Id), ("id", file.Id)));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, othersConsent.SqlState);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, params (string Name, Guid Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Bytes that start like a PNG (all the store reads to tell the type), <paramref name="size"/> long, distinct per size.</summary>
    private static byte[] Png(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        ((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).CopyTo(bytes);
        return bytes;
    }
}
