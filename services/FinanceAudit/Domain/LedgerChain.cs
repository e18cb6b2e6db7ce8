using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UnionPlatform.FinanceAudit.Domain;

/// <summary>Where a ledger's chain first breaks: the transaction, and what does not match.</summary>
public sealed record BrokenLink(long Sequence, Guid? TransactionId, string Reason);

/// <summary>
/// The tamper-evident trail: each transaction of a ledger carries its place in the ledger's sequence, the hash of the
/// one before and the SHA-256 of its own content (entries included) chained to it; the ledger keeps the last. A row
/// changed, removed or inserted behind the service's back shows as the first link whose hash no longer follows.
/// </summary>
public static class LedgerChain
{
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>SHA-256 over the previous hash and a canonical text of the transaction (invariant formats, entries in line order).</summary>
    public static byte[] Hash(byte[] previous, LedgerTransaction t)
    {
        var text = new StringBuilder()
            .Append(t.Id).Append('|').Append(t.OrganisationId).Append('|').Append(t.Sequence).Append('|').Append(t.Kind).Append('|')
            .Append(t.PostedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('|')
            .Append(t.RecordedAt.UtcTicks).Append('|').Append(t.Memo).Append('|').Append(t.PaymentRequestId).Append('|')
            .Append(t.ReversesId).Append('|').Append(t.RecordedBy);
        foreach (var e in t.Entries.OrderBy(e => e.Line))
            text.Append('|').Append(e.Line).Append(':').Append(e.Account).Append(':').Append(e.Side).Append(':')
                .Append(e.Amount.ToString("0.00", CultureInfo.InvariantCulture));
        return SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(text.ToString())]);
    }

    /// <summary>Walks a ledger's transactions in sequence order, from where <paramref name="state"/> left off; null while every link holds.</summary>
    public static BrokenLink? Verify(IEnumerable<LedgerTransaction> inOrder, ref ChainState state)
    {
        foreach (var t in inOrder)
        {
            var expected = state.Checked + 1;
            if (t.Sequence != expected) return new BrokenLink(expected, t.Id, $"sequence {t.Sequence} where {expected} was expected (a transaction is missing or was inserted)");
            if (!t.PreviousHash.AsSpan().SequenceEqual(state.Last)) return new BrokenLink(t.Sequence, t.Id, "its previous hash is not the hash of the transaction before");
            var hash = Hash(state.Last, t);
            if (!t.ChainHash.AsSpan().SequenceEqual(hash)) return new BrokenLink(t.Sequence, t.Id, "its content does not match its hash (it was changed)");
            state = new ChainState(t.Sequence, hash);
        }
        return null;
    }

    /// <summary>After the last transaction: does the ledger's own head agree?</summary>
    public static BrokenLink? VerifyHead(Ledger ledger, ChainState state) =>
        ledger.ChainLength != state.Checked || !ledger.ChainHead.AsSpan().SequenceEqual(state.Last)
            ? new BrokenLink(state.Checked + 1, null, $"the ledger records {ledger.ChainLength} transactions but {state.Checked} follow on (the last were removed)")
            : null;
}

/// <summary>How far a verification got: the transactions checked and the hash of the last.</summary>
public readonly record struct ChainState(long Checked, byte[] Last)
{
    public static ChainState Start => new(0, LedgerChain.Genesis);
}
