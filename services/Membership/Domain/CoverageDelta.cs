using UnionPlatform.Kernel;

namespace UnionPlatform.Membership.Domain;

/// <summary>
/// The coverage read model: per district and month, the net change of each count. Totals at any month are running
/// sums over at most a few hundred small rows, so coverage is never a scan of members. Deltas commute, so the
/// projection can apply events in any order; the inbox makes each apply exactly once.
/// </summary>
public sealed class CoverageDelta
{
    public string DistrictId { get; private set; } = "";
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; private set; }
    public long Members { get; private set; }
    public long Enterprises { get; private set; }
    public long CoveredEnterprises { get; private set; }
    public long Employees { get; private set; }
    public long CoveredEmployees { get; private set; }

    private CoverageDelta() { }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
    /// <summary>The city's month of an instant: 07:00 on the 1st in Asia/Shanghai is that month, though still the last in UTC.</summary>
    public static DateOnly MonthOf(DateTimeOffset at) => MonthOf(BusinessCalendar.DateOf(at));
}

/// <summary>One change to the coverage counts, before it is merged into its (district, month) row.</summary>
public readonly record struct CoverageChange(string DistrictId, DateOnly Month, long Members = 0, long Enterprises = 0,
    long CoveredEnterprises = 0, long Employees = 0, long CoveredEmployees = 0);
