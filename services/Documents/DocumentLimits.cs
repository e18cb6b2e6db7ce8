namespace UnionPlatform.Documents;

/// <summary>
/// What a service accepts: at most <see cref="MaxBytes"/>, and only types a browser shows safely (PDF, JPEG, PNG),
/// recognised by their first bytes: a file named .pdf that is really a script is refused.
/// </summary>
public sealed record DocumentLimits(long MaxBytes)
{
    /// <summary>A phone's photo of a signed form is 3 to 8 MB; a scanned multi-page PDF rarely more than 15.</summary>
    public static readonly DocumentLimits Default = new(20L * 1024 * 1024);

    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public static readonly IReadOnlyList<string> MediaTypes = [Pdf, Jpeg, Png];

    /// <summary>Bytes needed to recognise every accepted type.</summary>
    public const int SniffBytes = 8;

    /// <summary>The accepted type the content starts with, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) =>
        head.StartsWith("%PDF-"u8) ? Pdf
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? Jpeg
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : null;

    /// <summary>What the whole request may carry: the document and the multipart framing around it.</summary>
    public long MaxRequestBytes => MaxBytes + 64 * 1024;
}
