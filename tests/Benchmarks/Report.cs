using System.Globalization;
using System.Text;

namespace UnionPlatform.Benchmarks;

/// <summary>One printed line: a figure, the baseline measured in the same run, their ratio, and the goal if there is one.</summary>
public sealed record Row(string Figure, string Value, string Baseline, double Ratio, string Goal = "—", bool? Met = null);

/// <summary>Collects rows and notes as scenarios finish, so a failure later still leaves the earlier figures printed.</summary>
public sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];

    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public void Add(Row row)
    {
        lock (_rows) _rows.Add(row);
        Console.WriteLine($"  => {row.Figure}: {row.Value} vs {row.Baseline} = {Ratio(row.Ratio)} {(row.Met is null ? "" : row.Met.Value ? "(goal met)" : "(goal MISSED)")}");
    }

    public void Note(string note)
    {
        lock (_notes) _notes.Add(note);
        Console.WriteLine($"  .. {note}");
    }

    public static string Rate(double perSecond, string unit) => string.Create(Inv, $"{perSecond:N0} {unit}");
    public static string Ms(double p50, double p99) => string.Create(Inv, $"p50 {p50:N1} / p99 {p99:N1} ms");
    public static string Ratio(double r) => double.IsFinite(r) ? string.Create(Inv, $"{r:N2}×") : "n/a";

    public string Render()
    {
        var header = new Row("figure", "value", "baseline (same run)", double.NaN, "goal");
        var cells = new[] { header }.Concat(_rows).Select(r => new[]
        {
            r.Figure, r.Value, r.Baseline, ReferenceEquals(r, header) ? "ratio" : Ratio(r.Ratio), r.Goal,
            ReferenceEquals(r, header) ? "met?" : r.Met switch { null => "—", true => "yes", false => "NO" },
        }).ToList();
        var widths = Enumerable.Range(0, 6).Select(c => cells.Max(row => row[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            text.Append("| ").AppendJoin(" | ", cells[i].Select((cell, c) => cell.PadRight(widths[c]))).Append(" |\n");
            if (i == 0) text.Append("|").AppendJoin("|", widths.Select(w => new string('-', w + 2))).Append("|\n");
        }
        if (_notes.Count > 0) text.Append('\n').AppendJoin('\n', _notes.Select(n => "- " + n)).Append('\n');
        return text.ToString();
    }
}
