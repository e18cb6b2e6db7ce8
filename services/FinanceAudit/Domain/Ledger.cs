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

    private Ledger() { }

    public static Ledger Open(Guid organisationId, string districtId, string name, DateTimeOffset at) =>
        new() { OrganisationId = organisationId, DistrictId = districtId, Name = name, State = LedgerState.Open, OpenedAt = at };

    public void Close(DateTimeOffset at)
    {
        if (State == LedgerState.Closed) return;
        (State, ClosedAt) = (LedgerState.Closed, at);
    }

    public void EnsureOpen()
    {
        if (State != LedgerState.Open) throw new DomainException("The organisation's ledger is closed to new entries.", State.ToString());
    }
}
