using UnionPlatform.Kernel;

namespace UnionPlatform.FinanceAudit.Domain;

public enum PaymentState { Reserved, Posted, Rejected }

/// <summary>What another service asks Finance to pay (HardshipAid's PaymentRequested; later lawyer fees and prizes).</summary>
public sealed record PaymentOrder(Guid RequestId, string Purpose, Guid PayeeMemberId, Guid PayingUnionId, string DistrictId, decimal Amount, Guid CorrelationId);

/// <summary>
/// A payment request, two-phase: reserved against its budget line, then posted to the ledger; or rejected with a
/// reason code. Its id is the request's, so a request is recorded once; its posting is one transaction, by a
/// unique index on the transaction's request id: paid at most once, whatever the redeliveries.
/// </summary>
public sealed class Payment
{
    public Guid Id { get; private set; }
    public string Purpose { get; private set; } = "";
    public Guid PayeeMemberId { get; private set; }
    public Guid PayingUnionId { get; private set; }
    public string DistrictId { get; private set; } = "";
    public decimal Amount { get; private set; }
    public BudgetLine? Line { get; private set; }
    public int Year { get; private set; }
    public PaymentState State { get; private set; }
    public string? ReasonCode { get; private set; }
    public string? ReasonText { get; private set; }
    /// <summary>The Block finding that rejected it, when one did.</summary>
    public Guid? AuditFindingId { get; private set; }
    public Guid? TransactionId { get; private set; }
    public DateOnly? PostedOn { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public Guid CorrelationId { get; private set; }
    public uint Version { get; private set; }

    private Payment() { }

    private static Payment From(PaymentOrder order, BudgetLine? line, int year, DateTimeOffset at) => new()
    {
        Id = order.RequestId, Purpose = order.Purpose, PayeeMemberId = order.PayeeMemberId, PayingUnionId = order.PayingUnionId,
        DistrictId = order.DistrictId, Amount = order.Amount, Line = line, Year = year, RequestedAt = at, CorrelationId = order.CorrelationId,
    };

    /// <summary>Reserves the amount on the budget line (phase one).</summary>
    public static Payment Reserve(PaymentOrder order, Budget budget, DateTimeOffset at)
    {
        budget.Reserve(order.Amount);
        var payment = From(order, budget.Line, budget.Year, at);
        payment.State = PaymentState.Reserved;
        return payment;
    }

    /// <summary>Refused before anything was reserved; the code is one of PaymentRejected's reason codes.</summary>
    public static Payment Reject(PaymentOrder order, BudgetLine? line, int year, string code, string text, DateTimeOffset at, Guid? findingId = null)
    {
        var payment = From(order, line, year, at);
        (payment.State, payment.ReasonCode, payment.ReasonText, payment.AuditFindingId) = (PaymentState.Rejected, code, text, findingId);
        return payment;
    }

    /// <summary>Posts the reservation (phase two): bank credited, the line's expense account debited, the budget spent.</summary>
    public LedgerTransaction Post(Guid transactionId, Ledger ledger, Budget budget, DateOnly today, DateTimeOffset at)
    {
        if (State != PaymentState.Reserved) throw new DomainException($"A payment in state {State} cannot be posted.", State.ToString());
        var expense = Accounts.ExpenseOf(Line!.Value);
        var transaction = LedgerTransaction.Record(transactionId, ledger, TransactionKind.Payment, today, at, $"{Purpose} {Id}",
            [new Posting(expense, Side.Debit, Amount), new Posting(AccountKind.Bank, Side.Credit, Amount)], paymentRequestId: Id);
        budget.Post(Amount);
        (State, TransactionId, PostedOn) = (PaymentState.Posted, transaction.Id, today);
        return transaction;
    }

    /// <summary>A reservation that cannot be posted (the ledger closed meanwhile): released, and the request rejected.</summary>
    public void Void(Budget budget, string code, string text)
    {
        if (State != PaymentState.Reserved) throw new DomainException($"A payment in state {State} cannot be voided.", State.ToString());
        budget.Void(Amount);
        (State, ReasonCode, ReasonText) = (PaymentState.Rejected, code, text);
    }
}
