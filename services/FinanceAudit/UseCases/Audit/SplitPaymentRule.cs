using Microsoft.Extensions.Options;
using UnionPlatform.FinanceAudit.Domain;

namespace UnionPlatform.FinanceAudit.UseCases.Audit;

/// <summary>
/// Split payments: several payments to one payee for one purpose in a short window, each under the approval
/// threshold, that together pass it (the pattern of dodging a second person's approval).
/// </summary>
public sealed class SplitPaymentRule(IOptions<AuditOptions> options) : PaymentRule
{
    public override RuleInfo Info { get; } = new("FIN-SPLIT", Severity.Warn,
        "Split payments: payments to one payee for one purpose within the window, each under the approval threshold, together above it.",
        AuditRules.UnionFinanceRules + " art. 25");

    public override string? Check(PaymentOrder order, IReadOnlyList<Payment> earlier, DateTimeOffset now)
    {
        var threshold = options.Value.ApprovalThreshold;
        if (order.Amount > threshold) return null; // above the threshold it is approved as a whole, not split
        var since = now.AddDays(-options.Value.SplitWindowDays);
        var parts = earlier.Where(p => p.RequestedAt >= since && p.Amount <= threshold).ToList();
        var total = parts.Sum(p => p.Amount) + order.Amount;
        return parts.Count > 0 && total > threshold
            ? $"{parts.Count + 1} payments for {order.Purpose} to one payee within {options.Value.SplitWindowDays} days total {total:0.00}, above the approval threshold of {threshold:0.00}."
            : null;
    }
}
