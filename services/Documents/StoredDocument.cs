namespace UnionPlatform.Documents;

/// <summary>
/// A document kept for one record of a service (its owner: a hardship file, later a legal-aid case or an award), e.g.
/// the household's signed consent form. The content is in <see cref="DocumentChunk"/>s; the SHA-256 of the content
/// proves it unchanged and makes a repeated upload of the same file for the same record one document.
/// </summary>
public sealed class StoredDocument
{
    public const int MaxFileNameLength = 200;

    public Guid Id { get; private set; }
    /// <summary>What kind of record owns it ("HardshipFile"): the owner is looked up, and scoped, by the service.</summary>
    public string OwnerType { get; private set; } = "";
    public Guid OwnerId { get; private set; }
    /// <summary>The owner's word for it: "Consent", "IncomeProof", "SurveyPhoto".</summary>
    public string Kind { get; private set; } = "";
    /// <summary>As the uploader named it; it may carry a person's name, so it is encrypted at rest and never logged.</summary>
    public string FileName { get; private set; } = "";
    /// <summary>Read from the content's first bytes, never from what the client declared.</summary>
    public string MediaType { get; private set; } = "";
    public long Size { get; private set; }
    public byte[] Sha256 { get; private set; } = [];
    public DateTimeOffset UploadedAt { get; private set; }
    /// <summary>The staff account's subject id.</summary>
    public string? UploadedBy { get; private set; }

    private StoredDocument() { }

    public static StoredDocument Create(Guid id, DocumentOwner owner, string kind, string fileName, string mediaType, long size, byte[] sha256,
        DateTimeOffset uploadedAt, string? uploadedBy) => new()
    {
        Id = id, OwnerType = owner.Type, OwnerId = owner.Id, Kind = kind, FileName = fileName, MediaType = mediaType, Size = size,
        // PostgreSQL keeps microseconds: the upload's answer shows the instant a later read will.
        Sha256 = sha256, UploadedAt = uploadedAt.AddTicks(-(uploadedAt.Ticks % 10)), UploadedBy = uploadedBy,
    };

    public string ETag => $"\"{Convert.ToHexStringLower(Sha256)}\"";
}

/// <summary>One slice of a document's content, in order.</summary>
public sealed class DocumentChunk(Guid documentId, int number, byte[] data)
{
    /// <summary>Small enough to write and read one at a time without holding a large buffer or a connection for long.</summary>
    public const int Size = 256 * 1024;

    public Guid DocumentId { get; private set; } = documentId;
    public int Number { get; private set; } = number;
    public byte[] Data { get; private set; } = data;
}

/// <summary>The record a document belongs to.</summary>
public readonly record struct DocumentOwner(string Type, Guid Id);
