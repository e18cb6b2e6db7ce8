namespace UnionPlatform.Kernel;

/// <summary>
/// Business dates (joined on, deadlines) are the city's calendar days, not UTC days: a member approved at 07:00
/// in the city joined "today", although it is still yesterday in UTC. Instants stay UTC DateTimeOffsets.
/// </summary>
public static class BusinessCalendar
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "CST", "CST"); }
    }
}
