using UnionPlatform.Membership.Domain;

namespace UnionPlatform.Membership.Tests.Domain;

public class CoverageMonthTests
{
    [Fact]
    public void An_event_at_seven_in_the_morning_of_the_first_belongs_to_that_month_in_the_city()
    {
        // 2026-11-01 07:00 in Asia/Shanghai is still 2026-10-31 in UTC.
        Assert.Equal(new DateOnly(2026, 11, 1), CoverageDelta.MonthOf(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 10, 1), CoverageDelta.MonthOf(new DateTimeOffset(2026, 10, 31, 15, 59, 0, TimeSpan.Zero)));
    }
}
