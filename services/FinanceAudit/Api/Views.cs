using UnionPlatform.FinanceAudit.Domain;

namespace UnionPlatform.FinanceAudit.Api;

public sealed record LedgerView(Guid OrganisationId, string DistrictId, string Name, LedgerState State, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt)
{
    public static LedgerView From(Ledger l) => new(l.OrganisationId, l.DistrictId, l.Name, l.State, l.OpenedAt, l.ClosedAt);
}

/// <summary>An account's totals; the balance is on the account's normal side (debit for bank and expenses, credit for income).</summary>
public sealed record BalanceView(AccountKind Account, string Code, string Name, decimal Debits, decimal Credits, decimal Balance);

public sealed record LedgerDetail(LedgerView Ledger, IReadOnlyList<BalanceView> Balances);

public sealed record TrialBalanceRow(AccountKind Account, string Code, string Name, decimal PeriodDebits, decimal PeriodCredits,
    decimal ClosingDebit, decimal ClosingCredit);

/// <summary>Each account's movements in the period and its closing balance; the two closing columns always add up to the same.</summary>
public sealed record TrialBalance(Guid OrganisationId, string DistrictId, DateOnly From, DateOnly To, IReadOnlyList<TrialBalanceRow> Rows,
    decimal TotalDebit, decimal TotalCredit, bool Balanced);

public sealed record EntryView(int Line, AccountKind Account, Side Side, decimal Amount);

public sealed record TransactionView(Guid Id, Guid OrganisationId, string DistrictId, TransactionKind Kind, DateOnly PostedOn, DateTimeOffset RecordedAt,
    string Memo, Guid? PaymentRequestId, Guid? ReversesId, IReadOnlyList<EntryView> Entries)
{
    public static TransactionView From(LedgerTransaction t) => new(t.Id, t.OrganisationId, t.DistrictId, t.Kind, t.PostedOn, t.RecordedAt, t.Memo,
        t.PaymentRequestId, t.ReversesId, t.Entries.OrderBy(e => e.Line).Select(e => new EntryView(e.Line, e.Account, e.Side, e.Amount)).ToList());
}

public sealed record BudgetView(Guid OrganisationId, string DistrictId, int Year, BudgetLine Line, decimal Amount, decimal Reserved, decimal Spent,
    decimal Left, DateOnly? AdjustedOn, string? AdjustmentReason)
{
    public static BudgetView From(Budget b) => new(b.OrganisationId, b.DistrictId, b.Year, b.Line, b.Amount, b.Reserved, b.Spent, b.Left,
        b.AdjustedOn, b.AdjustmentReason);
}

public sealed record PaymentView(Guid Id, string Purpose, Guid PayeeMemberId, Guid PayingUnionId, string DistrictId, decimal Amount, BudgetLine? Line,
    int Year, PaymentState State, string? ReasonCode, string? ReasonText, Guid? AuditFindingId, Guid? TransactionId, DateOnly? PostedOn, DateTimeOffset RequestedAt)
{
    public static PaymentView From(Payment p) => new(p.Id, p.Purpose, p.PayeeMemberId, p.PayingUnionId, p.DistrictId, p.Amount, p.Line, p.Year,
        p.State, p.ReasonCode, p.ReasonText, p.AuditFindingId, p.TransactionId, p.PostedOn, p.RequestedAt);
}

/// <summary>A ledger's chain, recomputed: how many links hold, and the first that does not (null when intact).</summary>
public sealed record ChainVerification(Guid OrganisationId, string DistrictId, long Verified, bool Intact, BrokenLink? BrokenAt, string Head);

public sealed record FindingView(Guid Id, string RuleId, Severity Severity, string RuleSource, string EntityType, Guid EntityId, string OwningService,
    Guid? PaymentRequestId, string DistrictId, string Detail, DateTimeOffset RaisedAt, FindingState State, Resolution? Resolution, string? ResolutionNote,
    DateTimeOffset? ResolvedAt)
{
    public static FindingView From(AuditFinding f) => new(f.Id, f.RuleId, f.Severity, f.RuleSource, f.EntityType, f.EntityId, f.OwningService,
        f.PaymentRequestId, f.DistrictId, f.Detail, f.RaisedAt, f.State, f.Resolution, f.ResolutionNote, f.ResolvedAt);
}
