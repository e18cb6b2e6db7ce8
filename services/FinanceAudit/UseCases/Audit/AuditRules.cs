using UnionPlatform.FinanceAudit.Domain;

namespace UnionPlatform.FinanceAudit.UseCases.Audit;

/// <summary>Every rule the service applies, with the two budget rules the payment desk itself enforces while it holds the budget's lock.</summary>
public static class AuditRules
{
    public const string UnionFinanceRules = "《工会预算管理办法》（总工办发〔2019〕26号）";

    public static readonly RuleInfo BudgetMissing = new("FIN-BUDGET-NONE", Severity.Block,
        "No spending without a budget: the paying organisation has no open ledger or no budget for the line and year.", UnionFinanceRules + " art. 3");

    public static readonly RuleInfo BudgetExceeded = new("FIN-BUDGET-OVER", Severity.Block,
        "No spending beyond the budget line: what is reserved and spent never exceeds it.", UnionFinanceRules + " art. 20");

    /// <summary>The rules checked on each request, in order (the budget rules come after them, under the lock).</summary>
    public static IReadOnlyList<Type> Checked { get; } = [typeof(DuplicatePurposeRule), typeof(SplitPaymentRule)];

    public static IEnumerable<RuleInfo> Catalogue(IEnumerable<PaymentRule> rules) => rules.Select(r => r.Info).Append(BudgetMissing).Append(BudgetExceeded);
}
