using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Npgsql;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Documents;

/// <summary>
/// How one kind of record keeps documents: how to find it (tracked), whose district it is in, which kinds it takes
/// and when, and what it records when one arrives. Everything else is the same for every service.
/// </summary>
public sealed class DocumentRules<TContext, TOwner> where TOwner : class
{
    public required string OwnerType { get; init; }
    /// <summary>"The hardship file", for its 404.</summary>
    public required string What { get; init; }
    public required IReadOnlyList<string> Kinds { get; init; }
    public required Func<TContext, Guid, CancellationToken, Task<TOwner?>> Find { get; init; }
    public required Func<TOwner, string> DistrictOf { get; init; }
    /// <summary>Throws a DomainException (a 409 naming the state) when the record takes no document of this kind now.</summary>
    public required Action<TOwner, string> EnsureMayAttach { get; init; }
    /// <summary>The record learns of a new document (a file notes its consent form); saved in the same transaction.</summary>
    public Action<TOwner, StoredDocument>? Attached { get; init; }
    public DocumentLimits Limits { get; init; } = DocumentLimits.Default;
}

public static class DocumentEndpoints
{
    /// <summary>
    /// Maps, under a group whose records are at <c>/{id}</c>: the list (GET /{id}/documents), an upload
    /// (POST /{id}/documents?kind=, multipart/form-data with a part "file") and the content (GET /{id}/documents/{documentId}).
    /// A document is reached only through its record, so it is scoped like the record: another district gets a 404.
    /// </summary>
    public static RouteGroupBuilder MapDocuments<TContext, TOwner>(this RouteGroupBuilder group, DocumentRules<TContext, TOwner> rules)
        where TContext : DbContext, IDocumentDbContext where TOwner : class
    {
        group.MapGet("/{id:guid}/documents", (Guid id, HttpContext http) => ListAsync(rules, id, http, Db<TContext>(http)))
            .WithName($"List{rules.OwnerType}Documents").RequireAuthorization(UnionPolicies.Read)
            .WithSummary("The record's documents, oldest first.");
        group.MapPost("/{id:guid}/documents", (Guid id, string? kind, HttpContext http, TimeProvider time) => UploadAsync(rules, id, kind, http, Db<TContext>(http), time))
            .WithName($"Upload{rules.OwnerType}Document").RequireAuthorization(UnionPolicies.Write)
            .Accepts<IFormFile>("multipart/form-data").WithMetadata(new RequestSizeLimitAttribute(rules.Limits.MaxRequestBytes))
            .WithSummary($"Uploads a document (kind: {string.Join(", ", rules.Kinds)}): a PDF, JPEG or PNG of at most {rules.Limits.MaxBytes / 1024 / 1024} MB.")
            .WithDescription("multipart/form-data with the file in a part named \"file\". The type is read from the content. The same content " +
                "uploaded again for the same record answers 200 with the document already kept.");
        group.MapGet("/{id:guid}/documents/{documentId:guid}", (Guid id, Guid documentId, HttpContext http) => ContentAsync(rules, id, documentId, http, Db<TContext>(http)))
            .WithName($"Get{rules.OwnerType}Document").RequireAuthorization(UnionPolicies.Read)
            .Produces(StatusCodes.Status200OK, contentType: DocumentLimits.Pdf, additionalContentTypes: [DocumentLimits.Jpeg, DocumentLimits.Png])
            .WithSummary("The document's content, to view in the browser; its ETag is the SHA-256 of the content.");
        return group;
    }

    private static async Task<Results<Ok<List<DocumentView>>, ProblemHttpResult>> ListAsync<TContext, TOwner>(DocumentRules<TContext, TOwner> rules,
        Guid id, HttpContext http, TContext db) where TContext : DbContext, IDocumentDbContext where TOwner : class
    {
        if (await FindAsync(rules, id, http, db) is null) return Problems.NotFound(rules.What);
        var documents = await DocumentStore.Of(db, new DocumentOwner(rules.OwnerType, id)).OrderBy(d => d.UploadedAt).ThenBy(d => d.Id)
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(documents.Select(DocumentView.From).ToList());
    }

    private static async Task<Results<Created<DocumentView>, Ok<DocumentView>, ProblemHttpResult, ValidationProblem>> UploadAsync<TContext, TOwner>(
        DocumentRules<TContext, TOwner> rules, Guid id, string? kind, HttpContext http, TContext db, TimeProvider time)
        where TContext : DbContext, IDocumentDbContext where TOwner : class
    {
        var ct = http.RequestAborted;
        if (kind is null || !rules.Kinds.Contains(kind, StringComparer.Ordinal))
            return new Validation().Add("kind", $"One of: {string.Join(", ", rules.Kinds)}.").Problem();
        if (await FindAsync(rules, id, http, db) is not { } record) return Problems.NotFound(rules.What);
        rules.EnsureMayAttach(record, kind);

        var (upload, refusal) = await SpooledUpload.ReadAsync(http.Request, rules.Limits, ct);
        if (refusal is not null) return Refused(refusal);
        await using var _ = upload;
        var owner = new DocumentOwner(rules.OwnerType, id);
        if (await KeptAsync(db, owner, upload!.Sha256, ct) is { } kept) return TypedResults.Ok(kept);

        var now = time.GetUtcNow();
        var document = StoredDocument.Create(Guid.CreateVersion7(now), owner, kind, upload.FileName, upload.MediaType, upload.Size, upload.Sha256,
            now, http.User.FindFirst("sub")?.Value);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await DocumentStore.AddAsync(db, document, upload.OpenRead(), ct);
            rules.Attached?.Invoke(record, document);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: DocumentModel.OnePerContent })
        {
            db.ChangeTracker.Clear();
            // The same file arrived twice at once: the other request kept it.
            return TypedResults.Ok((await KeptAsync(db, owner, upload.Sha256, ct))!);
        }
        return TypedResults.Created($"{http.Request.PathBase}{http.Request.Path}/{document.Id}", DocumentView.From(document));
    }

    private static async Task<IResult> ContentAsync<TContext, TOwner>(DocumentRules<TContext, TOwner> rules, Guid id, Guid documentId,
        HttpContext http, TContext db) where TContext : DbContext, IDocumentDbContext where TOwner : class
    {
        var ct = http.RequestAborted;
        if (await FindAsync(rules, id, http, db) is null) return Problems.NotFound(rules.What);
        var document = await DocumentStore.Of(db, new DocumentOwner(rules.OwnerType, id)).FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return Problems.NotFound("The document");

        var headers = http.Response.Headers;
        headers.ETag = document.ETag;
        // Personal data: kept by no cache; shown as what it was recognised to be, never sniffed into something else.
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        if (http.Request.Headers.IfNoneMatch.ToString() == document.ETag) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(document.FileName);
        headers.ContentDisposition = disposition.ToString();
        http.Response.ContentLength = document.Size;
        return TypedResults.Stream(body => DocumentStore.CopyToAsync(db, document, body, ct), document.MediaType);
    }

    // The context from the request's services: a handler whose parameters name a type parameter trips the route analyzer.
    private static TContext Db<TContext>(HttpContext http) where TContext : notnull => http.RequestServices.GetRequiredService<TContext>();

    private static async Task<TOwner?> FindAsync<TContext, TOwner>(DocumentRules<TContext, TOwner> rules, Guid id, HttpContext http, TContext db)
        where TOwner : class =>
        await rules.Find(db, id, http.RequestAborted) is { } record && http.User.DistrictScope().Allows(rules.DistrictOf(record)) ? record : null;

    private static async Task<DocumentView?> KeptAsync<TContext>(TContext db, DocumentOwner owner, byte[] sha256, CancellationToken ct)
        where TContext : DbContext, IDocumentDbContext =>
        await DocumentStore.Of(db, owner).FirstOrDefaultAsync(d => d.Sha256 == sha256, ct) is { } d ? DocumentView.From(d) : null;

    private static ProblemHttpResult Refused(UploadRefusal refusal) => TypedResults.Problem(
        title: refusal.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The document is too large.",
            StatusCodes.Status415UnsupportedMediaType => "This type of document is not accepted.",
            _ => "The upload is not a document.",
        },
        detail: refusal.Message, statusCode: refusal.Status,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] } });
}
