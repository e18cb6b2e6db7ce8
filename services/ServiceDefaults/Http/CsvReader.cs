using System.Runtime.CompilerServices;
using System.Text;
using UnionPlatform.Kernel.Text;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Streams an uploaded CSV (RFC 4180 quoting) row by row, so an upload of any size never sits in memory.
/// Excel in China saves CSV as GB18030 (GBK): the charset comes from the request when it names one, else from
/// the bytes (a UTF-8 BOM, or the first 64 KB decoding as strict UTF-8; otherwise GB18030).
/// A field may not contain a line break or a control character; such rows come back with an error and are reported.
/// </summary>
public static class CsvReader
{
    public sealed record Row(int Number, string[] Fields, string? Error);

    private const int SniffBytes = 64 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CsvReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030 for gbk/gb2312/gb18030, UTF-8 for utf-8, null for no or another charset (then the bytes decide).</summary>
    public static Encoding? Declared(string? charset) => charset?.Trim('"', ' ').ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => StrictUtf8,
        "gbk" or "gb2312" or "gb18030" or "cp936" => Encoding.GetEncoding(54936),
        _ => null,
    };

    public static async IAsyncEnumerable<Row> ReadAsync(Stream body, Encoding? declared, [EnumeratorCancellation] CancellationToken ct)
    {
        var head = new byte[SniffBytes];
        var length = 0;
        while (length < head.Length && await body.ReadAsync(head.AsMemory(length), ct) is var read and > 0) length += read;
        var encoding = declared ?? Sniff(head.AsSpan(0, length), complete: length < head.Length);

        await using var whole = new PrefixedStream(head.AsMemory(0, length), body);
        using var reader = new StreamReader(whole, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var number = 0;
        while (await ReadLineAsync(reader, encoding, ct) is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var (fields, error) = Split(line);
            yield return new Row(number, fields, error ?? (SafeText.IsSafe(line) ? null : SafeText.Message));
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, Encoding encoding, CancellationToken ct)
    {
        try { return await reader.ReadLineAsync(ct); }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException("body", $"The file is not valid {encoding.WebName}: say its charset in the Content-Type (utf-8 or gb18030).");
        }
    }

    /// <summary>UTF-8 when the bytes say so (a BOM, or strict decoding succeeds up to a cut multi-byte character).</summary>
    public static Encoding Sniff(ReadOnlySpan<byte> head, bool complete)
    {
        if (head.StartsWith("\uFEFF"u8)) return StrictUtf8;
        if (!complete) // the last character may be cut at the sniff boundary
            for (var i = 1; i <= 3 && i <= head.Length; i++)
                if ((head[^i] & 0xC0) != 0x80) { if (head[^i] >= 0xC0) head = head[..^i]; break; }
        try { StrictUtf8.GetCharCount(head); return StrictUtf8; }
        catch (DecoderFallbackException) { return Encoding.GetEncoding(54936); }
    }

    public static (string[] Fields, string? Error) Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return (fields.ToArray(), quoted ? "An unclosed quote." : null);
    }

    /// <summary>The sniffed bytes, then the rest of the upload.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (prefix.IsEmpty) return await rest.ReadAsync(buffer, ct);
            var n = Math.Min(buffer.Length, prefix.Length);
            prefix[..n].CopyTo(buffer);
            prefix = prefix[n..];
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
