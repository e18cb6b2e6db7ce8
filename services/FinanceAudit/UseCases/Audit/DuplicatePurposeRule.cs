using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;

namespace UnionPlatform.FinanceAudit.UseCases.Audit;

/// <summary>One payment per purpose: the same payee, purpose and amount paid again within the window looks like a duplicate.</summary>
public sealed class DuplicatePurposeRule(IOptions<AuditOptions> options) : PaymentRule
{
    public override RuleInfo Info { get; } = new("FIN-DUPLICATE", Severity.Warn,
        "One payment per purpose: the same payee, purpose and amount again within the window.", AuditRules.UnionFinanceRules + " art. 24");

    public override async Task<string?> CheckAsync(PaymentOrder order, FinanceDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var earlier = await EarlierPayments(db, order, now.AddDays(-options.Value.DuplicateWindowDays)).Where(p => p.Amount == order.Amount)
            .OrderBy(p => p.RequestedAt).Select(p => p.Id).FirstOrDefaultAsync(ct);
        return earlier == Guid.Empty ? null
            : $"Payment request {earlier} paid the same payee {order.Amount:0.00} for {order.Purpose} within {options.Value.DuplicateWindowDays} days.";
    }
}
