using Microsoft.EntityFrameworkCore;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.Documents;

/// <summary>A service's DbContext that keeps documents (call <see cref="DocumentModel.AddDocuments"/> before ProtectPersonalData).</summary>
public interface IDocumentDbContext
{
    DbSet<StoredDocument> Documents { get; }
    DbSet<DocumentChunk> DocumentChunks { get; }
}

public static class DocumentModel
{
    public const string OnePerContent = "ux_documents_owner_content";

    public static ModelBuilder AddDocuments(this ModelBuilder model)
    {
        model.Entity<StoredDocument>(e =>
        {
            e.ToTable("documents", t =>
            {
                t.HasCheckConstraint("ck_documents_size", "size > 0");
                t.HasCheckConstraint("ck_documents_sha256", "octet_length(sha256) = 32");
            });
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.OwnerType).HasMaxLength(50);
            e.Property(d => d.Kind).HasMaxLength(50);
            e.Property(d => d.FileName).IsPersonalData();
            e.Property(d => d.MediaType).HasMaxLength(100);
            e.Property(d => d.UploadedBy).HasMaxLength(100);
            e.Ignore(d => d.ETag);
            // The same content twice for the same record is one document: a retried upload never makes a copy.
            e.HasIndex(d => new { d.OwnerType, d.OwnerId, d.Sha256 }).IsUnique().HasDatabaseName(OnePerContent);
            // An owner may point at one of its own documents (a file's consent form) with a foreign key on both columns.
            e.HasAlternateKey(d => new { d.Id, d.OwnerId });
        });
        model.Entity<DocumentChunk>(e =>
        {
            e.ToTable("document_chunks", t => t.HasCheckConstraint("ck_document_chunks_number", "number >= 0"));
            e.HasKey(c => new { c.DocumentId, c.Number });
            e.HasOne<StoredDocument>().WithMany().HasForeignKey(c => c.DocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        return model;
    }
}
