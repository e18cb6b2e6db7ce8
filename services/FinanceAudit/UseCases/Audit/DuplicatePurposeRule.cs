using Microsoft.Extensions.Options;
using UnionPlatform.FinanceAudit.Domain;

namespace UnionPlatform.FinanceAudit.UseCases.Audit;

/// <summary>One payment per purpose: the same payee, purpose and amount paid again within the window looks like a duplicate.</summary>
public sealed class DuplicatePurposeRule(IOptions<AuditOptions> options) : PaymentRule
{
    public override RuleInfo Info { get; } = new("FIN-DUPLICATE", Severity.Warn,
        "One payment per purpose: the same payee, purpose and amount again within the window.", AuditRules.UnionFinanceRules + " art. 24");

    public override string? Check(PaymentOrder order, IReadOnlyList<Payment> earlier, DateTimeOffset now)
    {
        var since = now.AddDays(-options.Value.DuplicateWindowDays);
        var first = earlier.Where(p => p.Amount == order.Amount && p.RequestedAt >= since).MinBy(p => p.RequestedAt);
        return first is null ? null
            : $"Payment request {first.Id} paid the same payee {order.Amount:0.00} for {order.Purpose} within {options.Value.DuplicateWindowDays} days.";
    }
}
