using MiniExcelLibs;

namespace UnionPlatform.Portal.Components.Shared;

/// <summary>Exports as .xlsx: a header row in the person's language, then the rows as the page shows them (IDs stay masked).</summary>
public static class Spreadsheets
{
    /// <summary>At most this many rows in one export: a bigger one is a report for the statistics, not a grid's export.</summary>
    public const int MaxRows = 50_000;

    public static MemoryStream Write<T>(IEnumerable<T> rows, params (string Header, Func<T, object?> Value)[] columns)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(columns.Length);
            foreach (var (header, value) in columns) cells[header] = value(row);
            return cells;
        });
        var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: true, excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    /// <summary>Every page of a server-side list, up to <see cref="MaxRows"/>.</summary>
    public static async Task<List<T>> AllPagesAsync<T>(Func<int, Task<Clients.Paged<T>>> page)
    {
        var all = new List<T>();
        for (var n = 1; all.Count < MaxRows; n++)
        {
            var next = await page(n);
            all.AddRange(next.Items);
            if (next.Items.Count == 0 || all.Count >= next.Total) break;
        }
        return all.Count > MaxRows ? all[..MaxRows] : all;
    }
}
