using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using UnionPlatform.Kernel.Text;

namespace UnionPlatform.Documents;

/// <summary>Why an upload was refused: the status, the field it names, and the message.</summary>
public sealed record UploadRefusal(int Status, string Field, string Message);

/// <summary>
/// A document as it arrived, in a temporary file that deletes itself: the request is read to the end before the
/// database is touched, so a slow upload holds no connection or transaction, and nothing large is ever in memory.
/// </summary>
public sealed class SpooledUpload : IAsyncDisposable
{
    public const string Field = "file";

    private readonly FileStream _spool;

    private SpooledUpload(FileStream spool, string fileName, string mediaType, long size, byte[] sha256) =>
        (_spool, FileName, MediaType, Size, Sha256) = (spool, fileName, mediaType, size, sha256);

    public string FileName { get; }
    public string MediaType { get; }
    public long Size { get; }
    public byte[] Sha256 { get; }

    /// <summary>The content from its start (one reader at a time).</summary>
    public Stream OpenRead()
    {
        _spool.Position = 0;
        return _spool;
    }

    public ValueTask DisposeAsync() => _spool.DisposeAsync();

    /// <summary>Reads the part named "file" of a multipart/form-data request; other parts are skipped.</summary>
    public static async Task<(SpooledUpload? Upload, UploadRefusal? Refusal)> ReadAsync(HttpRequest request, DocumentLimits limits, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return (null, new(StatusCodes.Status415UnsupportedMediaType, Field, "Send the document as multipart/form-data, in a part named \"file\"."));
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, Field, StringComparison.Ordinal))
                    continue; // the reader skips what is left of a part it moves past
                return await SpoolAsync(section.Body, FileNameOf(disposition), limits, ct);
            }
            return (null, new(StatusCodes.Status400BadRequest, Field, "The request has no part named \"file\"."));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException && !ct.IsCancellationRequested)
        {
            return (null, new(StatusCodes.Status400BadRequest, Field, "The multipart body is malformed."));
        }
    }

    private static async Task<(SpooledUpload?, UploadRefusal?)> SpoolAsync(Stream body, string fileName, DocumentLimits limits, CancellationToken ct)
    {
        var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"unionplatform-upload-{Guid.NewGuid():N}"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            var head = new byte[DocumentLimits.SniffBytes];
            long size = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (size < head.Length) buffer.AsSpan(0, Math.Min(read, head.Length - (int)size)).CopyTo(head.AsSpan((int)size));
                size += read;
                if (size > limits.MaxBytes)
                    return await Refuse(spool, StatusCodes.Status413PayloadTooLarge, $"At most {limits.MaxBytes / 1024 / 1024} MB.");
                hash.AppendData(buffer, 0, read);
                await spool.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            if (size == 0) return await Refuse(spool, StatusCodes.Status400BadRequest, "The file is empty.");
            if (DocumentLimits.Sniff(head.AsSpan(0, (int)Math.Min(size, head.Length))) is not { } mediaType)
                return await Refuse(spool, StatusCodes.Status415UnsupportedMediaType, "A PDF, JPEG or PNG file.");
            return (new SpooledUpload(spool, fileName, mediaType, size, hash.GetHashAndReset()), null);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private static async Task<(SpooledUpload?, UploadRefusal?)> Refuse(FileStream spool, int status, string message)
    {
        await spool.DisposeAsync();
        return (null, new(status, Field, message));
    }

    /// <summary>The name without any folder or control characters, at most 200 characters; "document" when nothing is left.</summary>
    private static string FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
        var name = new string(raw.Replace('\\', '/').Split('/')[^1].Select(c => char.IsControl(c) ? '_' : c).ToArray()).Trim();
        if (name.Length > StoredDocument.MaxFileNameLength) name = name[..StoredDocument.MaxFileNameLength];
        return name.Length == 0 || !SafeText.IsSafe(name) ? "document" : name;
    }
}
