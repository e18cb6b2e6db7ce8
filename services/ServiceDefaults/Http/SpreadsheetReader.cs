using System.Globalization;
using System.Runtime.CompilerServices;
using MiniExcelLibs;
using UnionPlatform.Kernel.Text;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Streams the first sheet of an uploaded Excel workbook (.xlsx, what district staff actually keep) row by row, as
/// the CSV reader's rows: the same checks, numbered by the sheet's rows. An .xlsx is a zip whose directory sits at
/// its end, so the upload is spooled to a temporary file (deleted when read), never held in memory; the sheet is
/// then read one row at a time.
/// </summary>
public static class SpreadsheetReader
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A zip expands: a small upload must not become an endless sheet.</summary>
    public const int MaxRows = 1_000_000;

    public static async IAsyncEnumerable<CsvReader.Row> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await body.CopyToAsync(file, ct);
        file.Position = 0;

        using var rows = Open(file);
        var number = 0;
        while (Next(rows))
        {
            ct.ThrowIfCancellationRequested();
            if (++number > MaxRows) throw new RequestValidationException("body", $"At most {MaxRows:N0} rows in one workbook.");
            var fields = rows.Current.Values.Select(Text).ToArray();
            if (fields.All(string.IsNullOrWhiteSpace)) continue; // as the CSV reader skips empty lines
            yield return new CsvReader.Row(number, fields, fields.All(f => SafeText.IsSafe(f)) ? null : SafeText.Message);
        }
    }

    private static IEnumerator<IDictionary<string, object?>> Open(Stream file)
    {
        try
        {
            return MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().GetEnumerator();
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            throw NotAWorkbook();
        }
    }

    private static bool Next(IEnumerator<IDictionary<string, object?>> rows)
    {
        try { return rows.MoveNext(); }
        catch (Exception ex) when (IsUnreadable(ex)) { throw NotAWorkbook(); }
    }

    // Not a zip, a zip without a sheet, or a sheet that is not XML: the file is refused, never a 500.
    private static bool IsUnreadable(Exception ex) =>
        ex is InvalidDataException or System.Xml.XmlException or InvalidOperationException or FormatException or IndexOutOfRangeException
            or KeyNotFoundException or NullReferenceException or ArgumentException;

    private static RequestValidationException NotAWorkbook() =>
        new("body", "The file is not an Excel workbook (.xlsx). Save it as .xlsx or CSV and upload it again.");

    /// <summary>A cell as the text a person typed: whole numbers without exponent, dates as yyyy-MM-dd.</summary>
    private static string Text(object? cell) => cell switch
    {
        null => "",
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n => n.ToString("0.##########", CultureInfo.InvariantCulture),
        decimal n => n.ToString("0.##########", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
