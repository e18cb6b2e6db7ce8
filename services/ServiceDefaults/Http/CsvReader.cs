using System.Runtime.CompilerServices;
using System.Text;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Streams an uploaded CSV (RFC 4180 quoting, UTF-8 with or without BOM) row by row, so an upload of any size
/// never sits in memory. A field may not contain a line break; such rows come back malformed and are reported.
/// </summary>
public static class CsvReader
{
    public sealed record Row(int Number, string[] Fields, string? Error);

    public static async IAsyncEnumerable<Row> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            var (fields, error) = Split(line);
            yield return new Row(number, fields, error);
        }
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
}
