using Microsoft.EntityFrameworkCore;

namespace UnionPlatform.Documents;

/// <summary>Writes and reads documents chunk by chunk in the service's own database.</summary>
public static class DocumentStore
{
    /// <summary>
    /// Saves the document and its content, one chunk per statement (each detached once written, so memory stays at one
    /// chunk). Also saves whatever else the context tracks: call it inside the transaction that changes the owner.
    /// </summary>
    public static async Task AddAsync<TContext>(TContext db, StoredDocument document, Stream content, CancellationToken ct)
        where TContext : DbContext, IDocumentDbContext
    {
        db.Documents.Add(document);
        await db.SaveChangesAsync(ct);
        var buffer = new byte[DocumentChunk.Size];
        for (var number = 0; ; number++)
        {
            var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (read == 0) break;
            var chunk = new DocumentChunk(document.Id, number, buffer[..read]);
            db.DocumentChunks.Add(chunk);
            await db.SaveChangesAsync(ct);
            db.Entry(chunk).State = EntityState.Detached;
            if (read < buffer.Length) break;
        }
    }

    /// <summary>Adds a small document held in memory (the demo city's forms) without saving: the caller saves in bulk.</summary>
    public static void Add<TContext>(TContext db, StoredDocument document, ReadOnlySpan<byte> content) where TContext : DbContext, IDocumentDbContext
    {
        db.Documents.Add(document);
        for (var (offset, number) = (0, 0); offset < content.Length; offset += DocumentChunk.Size, number++)
            db.DocumentChunks.Add(new DocumentChunk(document.Id, number, content.Slice(offset, Math.Min(DocumentChunk.Size, content.Length - offset)).ToArray()));
    }

    public static IQueryable<StoredDocument> Of<TContext>(TContext db, DocumentOwner owner) where TContext : DbContext, IDocumentDbContext =>
        db.Documents.AsNoTracking().Where(d => d.OwnerType == owner.Type && d.OwnerId == owner.Id);

    /// <summary>
    /// Copies the content to <paramref name="destination"/>, one query per chunk: a slow reader never holds a
    /// connection between chunks.
    /// </summary>
    public static async Task CopyToAsync<TContext>(TContext db, StoredDocument document, Stream destination, CancellationToken ct)
        where TContext : DbContext, IDocumentDbContext
    {
        var numbers = await db.DocumentChunks.AsNoTracking().Where(c => c.DocumentId == document.Id).OrderBy(c => c.Number)
            .Select(c => c.Number).ToListAsync(ct);
        foreach (var number in numbers)
        {
            var data = await db.DocumentChunks.AsNoTracking().Where(c => c.DocumentId == document.Id && c.Number == number)
                .Select(c => c.Data).SingleAsync(ct);
            await destination.WriteAsync(data, ct);
        }
    }
}
