using Microsoft.EntityFrameworkCore;
using UnionPlatform.Membership.Domain;

namespace UnionPlatform.Membership.Data;

/// <summary>Merges coverage changes into their (district, month) rows with one upsert per row.</summary>
public static class CoverageWriter
{
    public static async Task ApplyAsync(MembershipDbContext db, IEnumerable<CoverageChange> changes, CancellationToken ct)
    {
        // Summed per row and taken in key order, so concurrent writers lock rows in the same order: no deadlocks.
        var rows = changes
            .GroupBy(c => (c.DistrictId, c.Month))
            .Select(g => new CoverageChange(g.Key.DistrictId, g.Key.Month, g.Sum(c => c.Members), g.Sum(c => c.Enterprises),
                g.Sum(c => c.CoveredEnterprises), g.Sum(c => c.Employees), g.Sum(c => c.CoveredEmployees)))
            .Where(c => c != new CoverageChange(c.DistrictId, c.Month))
            .OrderBy(c => c.DistrictId, StringComparer.Ordinal).ThenBy(c => c.Month)
            .ToList();
        if (rows.Count == 0) return;

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO coverage_deltas AS d (district_id, month, members, enterprises, covered_enterprises, employees, covered_employees)
            SELECT * FROM unnest({rows.Select(r => r.DistrictId).ToArray()}, {rows.Select(r => r.Month).ToArray()},
                {rows.Select(r => r.Members).ToArray()}, {rows.Select(r => r.Enterprises).ToArray()},
                {rows.Select(r => r.CoveredEnterprises).ToArray()}, {rows.Select(r => r.Employees).ToArray()},
                {rows.Select(r => r.CoveredEmployees).ToArray()})
            ON CONFLICT (district_id, month) DO UPDATE SET
                members = d.members + EXCLUDED.members,
                enterprises = d.enterprises + EXCLUDED.enterprises,
                covered_enterprises = d.covered_enterprises + EXCLUDED.covered_enterprises,
                employees = d.employees + EXCLUDED.employees,
                covered_employees = d.covered_employees + EXCLUDED.covered_employees
            """, ct);
    }
}
