using UnionPlatform.Kernel;

namespace UnionPlatform.Membership.Domain;

/// <summary>Monthly dues: 0.5% of the monthly wage, the part of the wage below 10 yuan not counted.</summary>
public static class Dues
{
    public const decimal Rate = 0.005m;

    public static decimal MonthlyFor(decimal monthlyWage)
    {
        if (monthlyWage < 0) throw new DomainException("A wage cannot be negative.");
        var counted = Math.Floor(monthlyWage / 10m) * 10m;
        return Math.Round(counted * Rate, 2, MidpointRounding.AwayFromZero);
    }
}
