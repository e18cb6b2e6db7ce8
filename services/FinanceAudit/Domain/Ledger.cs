using UnionPlatform.Kernel;

namespace UnionPlatform.FinanceAudit.Domain;

public enum LedgerState { Open, Closed }

/// <summary>
/// An organisation's books: opened when Membership approves the organisation, closed to new entries when it is
/// dissolved or merged (its history stays readable).
/// </summary>
public sealed class Ledger
{
    public Guid OrganisationId { get; private set; }
    public string DistrictId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public LedgerState State { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>How many transactions the chain holds, and the hash of the last (<see cref="LedgerChain"/>).</summary>
    public long ChainLength { get; private set; }
    public byte[] ChainHead { get; private set; } = LedgerChain.Genesis;
    public uint Version { get; private set; }

    private Ledger() { }

    public static Ledger Open(Guid organisationId, string districtId, string name, DateTimeOffset at) =>
        new() { OrganisationId = organisationId, DistrictId = districtId, Name = name, State = LedgerState.Open, OpenedAt = at };

    public void Close(DateTimeOffset at)
    {
        if (State == LedgerState.Closed) return;
        (State, ClosedAt) = (LedgerState.Closed, at);
    }

    /// <summary>Links a new transaction to the chain. The caller holds the ledger's row lock, so links are made one at a time.</summary>
    internal void Chain(LedgerTransaction transaction)
    {
        var previous = ChainHead;
        transaction.Link(ChainLength + 1, previous);
        (ChainLength, ChainHead) = (transaction.Sequence, transaction.ChainHash);
    }

    public void EnsureOpen()
    {
        if (State != LedgerState.Open) throw new DomainException("The organisation's ledger is closed to new entries.", State.ToString());
    }
}
