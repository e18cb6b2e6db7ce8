using UnionPlatform.Kernel;

namespace UnionPlatform.FinanceAudit.Domain;

public enum TransactionKind { Income, Payment, Reversal }

/// <summary>One line of a transaction: an amount on one side of one account.</summary>
public sealed record Posting(AccountKind Account, Side Side, decimal Amount);

/// <summary>
/// A balanced set of entries posted together on one day (记账凭证). Append-only: the database refuses an update or a
/// delete, and refuses at commit a transaction whose debits and credits differ. A mistake is corrected by a
/// reversing transaction that points at the one it reverses (each is reversed at most once).
/// </summary>
public sealed class LedgerTransaction
{
    public const decimal MaxAmount = 100_000_000m;
    public const int MaxMemoLength = 200;

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string DistrictId { get; private set; } = "";
    public TransactionKind Kind { get; private set; }
    public DateOnly PostedOn { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public string Memo { get; private set; } = "";
    /// <summary>The payment request this transaction paid (at most one transaction per request, by a unique index).</summary>
    public Guid? PaymentRequestId { get; private set; }
    /// <summary>The transaction this one reverses.</summary>
    public Guid? ReversesId { get; private set; }
    public string? RecordedBy { get; private set; }
    public List<LedgerEntry> Entries { get; private set; } = [];
    /// <summary>Its place in the ledger's chain (from 1), the hash of the one before, and its own chained hash.</summary>
    public long Sequence { get; private set; }
    public byte[] PreviousHash { get; private set; } = [];
    public byte[] ChainHash { get; private set; } = [];

    private LedgerTransaction() { }

    public decimal Total => Entries.Where(e => e.Side == Side.Debit).Sum(e => e.Amount);

    public static LedgerTransaction Record(Guid id, Ledger ledger, TransactionKind kind, DateOnly postedOn, DateTimeOffset recordedAt, string memo,
        IReadOnlyList<Posting> postings, Guid? paymentRequestId = null, Guid? reversesId = null, string? recordedBy = null)
    {
        ledger.EnsureOpen();
        if (postings.Count < 2) throw new DomainException("A transaction has at least one debit and one credit.");
        if (postings.Any(p => p.Amount <= 0 || p.Amount > MaxAmount || decimal.Round(p.Amount, 2) != p.Amount))
            throw new DomainException($"Every amount is yuan, more than 0 and at most {MaxAmount}, with at most two decimals.");
        var debits = postings.Where(p => p.Side == Side.Debit).Sum(p => p.Amount);
        var credits = postings.Where(p => p.Side == Side.Credit).Sum(p => p.Amount);
        if (debits != credits) throw new DomainException($"The debits ({debits}) and credits ({credits}) differ.");
        var transaction = new LedgerTransaction
        {
            Id = id, OrganisationId = ledger.OrganisationId, DistrictId = ledger.DistrictId, Kind = kind, PostedOn = postedOn,
            // PostgreSQL keeps microseconds: the hash is of what a later read gives back.
            RecordedAt = recordedAt.AddTicks(-(recordedAt.Ticks % 10)), Memo = memo, PaymentRequestId = paymentRequestId, ReversesId = reversesId, RecordedBy = recordedBy,
        };
        transaction.Entries = postings.Select((p, n) => new LedgerEntry(id, n + 1, p.Account, p.Side, p.Amount)).ToList();
        ledger.Chain(transaction);
        return transaction;
    }

    internal void Link(long sequence, byte[] previous)
    {
        (Sequence, PreviousHash) = (sequence, previous);
        ChainHash = LedgerChain.Hash(previous, this);
    }

    /// <summary>The mirror image (every debit a credit and back), dated <paramref name="postedOn"/>. A reversal is not reversed again.</summary>
    public LedgerTransaction Reverse(Guid id, Ledger ledger, DateOnly postedOn, DateTimeOffset at, string reason, string? recordedBy)
    {
        if (Kind == TransactionKind.Reversal) throw new DomainException("A reversal is not reversed: record the correct transaction instead.", Kind.ToString());
        if (Kind == TransactionKind.Payment) throw new DomainException("A payment is not reversed by hand: it was paid to a member.", Kind.ToString());
        if (postedOn < PostedOn) throw new DomainException("A reversal cannot predate the transaction it reverses.");
        return Record(id, ledger, TransactionKind.Reversal, postedOn, at, reason,
            Entries.Select(e => new Posting(e.Account, e.Side == Side.Debit ? Side.Credit : Side.Debit, e.Amount)).ToList(), reversesId: Id, recordedBy: recordedBy);
    }
}

/// <summary>A line of a transaction, numbered from 1.</summary>
public sealed class LedgerEntry(Guid transactionId, int line, AccountKind account, Side side, decimal amount)
{
    public Guid TransactionId { get; private set; } = transactionId;
    public int Line { get; private set; } = line;
    public AccountKind Account { get; private set; } = account;
    public Side Side { get; private set; } = side;
    public decimal Amount { get; private set; } = amount;
}
