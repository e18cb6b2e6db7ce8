namespace UnionPlatform.Documents;

/// <summary>A document as the API lists it; its content is at <c>documents/{id}</c> under the owner.</summary>
public sealed record DocumentView(Guid Id, string Kind, string FileName, string MediaType, long Size, string Sha256, DateTimeOffset UploadedAt)
{
    public static DocumentView From(StoredDocument d) =>
        new(d.Id, d.Kind, d.FileName, d.MediaType, d.Size, Convert.ToHexStringLower(d.Sha256), d.UploadedAt);
}
