using UnionPlatform.Kernel;

namespace UnionPlatform.FinanceAudit.Domain;

/// <summary>What the spending of a budget line is refused for: the line and what was left.</summary>
public sealed class OverBudgetException(BudgetLine line, decimal left, decimal asked)
    : Exception($"The {line} budget line has {left} left; {asked} was asked.")
{
    public BudgetLine Line { get; } = line;
    public decimal Left { get; } = left;
}

/// <summary>
/// An organisation's budget for one year and line. Payments first reserve against it (pending) and are then
/// posted (spent) or voided (released); nothing is spent beyond it. The amount is adjusted at most once a year.
/// </summary>
public sealed class Budget
{
    public Guid OrganisationId { get; private set; }
    public int Year { get; private set; }
    public BudgetLine Line { get; private set; }
    public string DistrictId { get; private set; } = "";
    public decimal Amount { get; private set; }
    public decimal Reserved { get; private set; }
    public decimal Spent { get; private set; }
    public DateOnly? AdjustedOn { get; private set; }
    public string? AdjustmentReason { get; private set; }
    public uint Version { get; private set; }

    private Budget() { }

    public decimal Left => Amount - Reserved - Spent;

    public static Budget Set(Ledger ledger, int year, BudgetLine line, decimal amount)
    {
        ledger.EnsureOpen();
        RequireAmount(amount);
        return new Budget { OrganisationId = ledger.OrganisationId, Year = year, Line = line, DistrictId = ledger.DistrictId, Amount = amount };
    }

    /// <summary>The one adjustment of the year, with its reason; never below what is already committed.</summary>
    public void Adjust(decimal amount, string reason, DateOnly today)
    {
        if (AdjustedOn is not null) throw new DomainException($"The {Year} {Line} budget was already adjusted on {AdjustedOn:yyyy-MM-dd}: once a year.", "Adjusted");
        RequireAmount(amount);
        if (amount < Reserved + Spent) throw new DomainException($"{Reserved + Spent} is already reserved or spent on this line.");
        (Amount, AdjustedOn, AdjustmentReason) = (amount, today, reason);
    }

    public void Reserve(decimal amount)
    {
        if (amount > Left) throw new OverBudgetException(Line, Left, amount);
        Reserved += amount;
    }

    public void Post(decimal reserved) => (Reserved, Spent) = (Reserved - reserved, Spent + reserved);

    public void Void(decimal reserved) => Reserved -= reserved;

    private static void RequireAmount(decimal amount)
    {
        if (amount < 0 || amount > LedgerTransaction.MaxAmount || decimal.Round(amount, 2) != amount)
            throw new DomainException($"A budget is yuan, 0 to {LedgerTransaction.MaxAmount}, with at most two decimals.");
    }
}
