namespace UnionPlatform.FinanceAudit.Domain;

/// <summary>The accounts every organisation's ledger has (DOMAIN.md §5); their codes and names are the chart of accounts in configuration.</summary>
public enum AccountKind { Bank, AllocationIncome, DuesIncome, Subsidies, HardshipAid, LegalAid, Awards, Activities, Administration }

public enum Side { Debit, Credit }

/// <summary>What a budget is spent on: each line is one expense account.</summary>
public enum BudgetLine { HardshipAid, LegalAid, Awards, Activities, Administration }

/// <summary>Where money comes from: each is an income account.</summary>
public enum IncomeKind { Allocation, Dues, Subsidy }

public static class Accounts
{
    public static AccountKind ExpenseOf(BudgetLine line) => line switch
    {
        BudgetLine.HardshipAid => AccountKind.HardshipAid,
        BudgetLine.LegalAid => AccountKind.LegalAid,
        BudgetLine.Awards => AccountKind.Awards,
        BudgetLine.Activities => AccountKind.Activities,
        _ => AccountKind.Administration,
    };

    public static AccountKind IncomeOf(IncomeKind kind) => kind switch
    {
        IncomeKind.Allocation => AccountKind.AllocationIncome,
        IncomeKind.Dues => AccountKind.DuesIncome,
        _ => AccountKind.Subsidies,
    };

    /// <summary>The side on which an account grows: assets and expenses on the debit side, income on the credit side.</summary>
    public static Side NormalSide(AccountKind account) =>
        account is AccountKind.AllocationIncome or AccountKind.DuesIncome or AccountKind.Subsidies ? Side.Credit : Side.Debit;

    /// <summary>The service that asks for payments of this purpose, and acts on their findings.</summary>
    public static string OwnerOf(string purpose) => purpose switch
    {
        "LawyerFee" => "LegalAid",
        "Prize" => "Innovation",
        _ => "HardshipAid",
    };

    /// <summary>The budget line a payment request's purpose is spent on, or null for a purpose Finance does not pay.</summary>
    public static BudgetLine? LineOf(string purpose) => purpose switch
    {
        "HardshipLiving" or "HardshipMedical" or "HardshipStudy" or "HardshipEmployment" or "TemporaryRelief" => BudgetLine.HardshipAid,
        "LawyerFee" => BudgetLine.LegalAid,
        "Prize" => BudgetLine.Awards,
        _ => null,
    };
}
