using UnionPlatform.FinanceAudit.Domain;

namespace UnionPlatform.FinanceAudit.UseCases.Audit;

/// <summary>
/// An audit rule checked on every payment request before anything is reserved (DOMAIN.md §5). A Block rule that
/// finds something rejects the payment with its finding; a Warn rule raises the finding and the payment goes on.
/// Adding a rule is adding one class (and registering it in <see cref="AuditRules"/>) with its tests.
/// </summary>
public abstract class PaymentRule
{
    public abstract RuleInfo Info { get; }

    /// <summary>
    /// What the rule found about the request, or null when it holds. <paramref name="earlier"/> is the payee's other
    /// payments of the same purpose in the widest window any rule looks at (rejected ones left out), read once per request.
    /// </summary>
    public abstract string? Check(PaymentOrder order, IReadOnlyList<Payment> earlier, DateTimeOffset now);
}

/// <summary>Limits the rules read, from "Audit" in configuration.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The amount above which a payment needs a second person's approval (审批限额), yuan.</summary>
    public decimal ApprovalThreshold { get; set; } = 5_000m;
    public int DuplicateWindowDays { get; set; } = 30;
    public int SplitWindowDays { get; set; } = 7;

    public int WidestWindowDays => Math.Max(DuplicateWindowDays, SplitWindowDays);
}
