using UnionPlatform.Kernel;

namespace UnionPlatform.FinanceAudit.Domain;

public enum Severity { Block, Warn }

public enum FindingState { Open, Resolved }

/// <summary>How a finding was closed (AuditFindingResolved's values).</summary>
public enum Resolution { Corrected, Justified, PaymentVoided, Withdrawn }

/// <summary>An audit rule's identity: a stable id, how hard it bites, what it says, and where it comes from.</summary>
public sealed record RuleInfo(string Id, Severity Severity, string Description, string Source);

/// <summary>
/// What an audit rule found about an entity (for now, a payment request): raised with the rule's id, severity and
/// source; a Block finding rejected the payment it concerns; resolved once, with a note.
/// </summary>
public sealed class AuditFinding
{
    public const int MaxNoteLength = 500;

    public Guid Id { get; private set; }
    public string RuleId { get; private set; } = "";
    public Severity Severity { get; private set; }
    public string RuleSource { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public Guid EntityId { get; private set; }
    public string OwningService { get; private set; } = "";
    public Guid? PaymentRequestId { get; private set; }
    public string DistrictId { get; private set; } = "";
    /// <summary>What was found, for the staff (amounts and ids, never a person's name).</summary>
    public string Detail { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }
    public FindingState State { get; private set; }
    public Resolution? Resolution { get; private set; }
    public string? ResolutionNote { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ResolvedBy { get; private set; }
    public uint Version { get; private set; }

    private AuditFinding() { }

    /// <summary>A finding about a payment request, owned by the service that asked for it.</summary>
    public static AuditFinding OnPayment(Guid id, RuleInfo rule, PaymentOrder order, string detail, DateTimeOffset at) => new()
    {
        Id = id, RuleId = rule.Id, Severity = rule.Severity, RuleSource = rule.Source, EntityType = "PaymentRequest", EntityId = order.RequestId,
        OwningService = Accounts.OwnerOf(order.Purpose), PaymentRequestId = order.RequestId, DistrictId = order.DistrictId, Detail = detail,
        RaisedAt = at, State = FindingState.Open,
    };

    public void Resolve(Resolution resolution, string note, string? by, DateTimeOffset at)
    {
        if (State != FindingState.Open) throw new DomainException("The finding is already resolved.", State.ToString());
        (State, Resolution, ResolutionNote, ResolvedBy, ResolvedAt) = (FindingState.Resolved, resolution, note, by, at);
    }
}
