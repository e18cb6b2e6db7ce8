using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using UnionPlatform.Portal.Localization;

namespace UnionPlatform.Portal.Tests;

/// <summary>Every word a page asks for exists in both languages, and figures read the same way in both.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string Portal = Path.Combine(RepositoryRoot(), "services", "Portal");

    private static HashSet<string> Keys(string culture) =>
        XDocument.Load(Path.Combine(Portal, "Localization", $"Texts.{culture}.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Chinese_and_English_have_the_same_keys()
    {
        var chinese = Keys("zh-CN");
        var english = Keys("en");
        Assert.Empty(chinese.Except(english));
        Assert.Empty(english.Except(chinese));
    }

    [Fact]
    public void Every_key_a_page_uses_is_translated()
    {
        var keys = Keys("zh-CN");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Portal, "*.razor", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in Literal().Matches(text))
                if (!keys.Contains(m.Groups[1].Value)) missing.Add($"{Path.GetFileName(file)}: {m.Groups[1].Value}");
            // L[$"MemberStatus.{x}"]: at least the family must exist.
            foreach (Match m in Interpolated().Matches(text))
                if (!keys.Any(k => k.StartsWith(m.Groups[1].Value, StringComparison.Ordinal))) missing.Add($"{Path.GetFileName(file)}: {m.Groups[1].Value}*");
        }
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Money_is_yuan_and_dates_are_iso_in_both_languages(string culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            Assert.Equal("¥1,234.50", Formats.Money(1234.5m));
            Assert.Equal("2026-03-09", Formats.Date(new DateOnly(2026, 3, 9)));
            Assert.Equal("67.0%", Formats.Rate(67m));
            // 23:30 UTC is the next morning in the city.
            Assert.Equal("2026-03-10 07:30", Formats.DateTime(new DateTimeOffset(2026, 3, 9, 23, 30, 0, TimeSpan.Zero)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [GeneratedRegex("""L\["([A-Za-z0-9_.\-]+)"[\],]""")]
    private static partial Regex Literal();

    [GeneratedRegex("""L\[\$"([A-Za-z0-9_.\-]+)\{""")]
    private static partial Regex Interpolated();

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "UnionPlatform.sln"))) return dir.FullName;
        throw new InvalidOperationException("Not inside the repository.");
    }
}
