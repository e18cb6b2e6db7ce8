using System.Globalization;

namespace UnionPlatform.Portal.Localization;

/// <summary>
/// How figures read on every page, in both languages: money is always yuan (¥1,234.50), dates are yyyy-MM-dd,
/// rates have one decimal and a percent sign, counts have thousands separators.
/// </summary>
public static class Formats
{
    public static string Money(decimal amount) => string.Create(CultureInfo.CurrentCulture, $"¥{amount:N2}");

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Date(DateTimeOffset? at) => at is { } t ? Date(DateOnly.FromDateTime(Shanghai(t).DateTime)) : "—";

    public static string DateTime(DateTimeOffset? at) =>
        at is { } t ? Shanghai(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Rate(decimal percent) => string.Create(CultureInfo.CurrentCulture, $"{percent:F1}%");

    public static string Count(long count) => count.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A file's size as people read it: 980 B, 12.3 KB, 4.5 MB.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024d:F1} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024d / 1024d:F1} MB"),
    };

    /// <summary>The city's clock: every date a person reads is Asia/Shanghai.</summary>
    public static DateTimeOffset Shanghai(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, City);

    private static readonly TimeZoneInfo City = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
