using UnionPlatform.Kernel;

namespace UnionPlatform.Membership.Domain;

public enum OrganisationKind { City, District, Grassroots, JointGrassroots, UnionGroup }

public enum OrganisationState { Preparing, Approved, Active, ReelectionDue, Dissolved, Merged }

/// <summary>
/// A node of the union tree: city federation → district federation → (joint) grassroots union → union group.
/// Approved by its parent, which must itself be approved; elected for a 3- or 5-year term.
/// </summary>
public sealed class Organisation
{
    /// <summary>A grassroots union with this many members must have a committee (Trade Union Law).</summary>
    public const int CommitteeThreshold = 25;

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public OrganisationKind Kind { get; private set; }
    public Guid? ParentId { get; private set; }
    public string DistrictId { get; private set; } = "";
    public OrganisationState State { get; private set; }
    public int TermYears { get; private set; }
    public DateOnly? TermStartedOn { get; private set; }
    public bool HasCommittee { get; private set; }
    public Guid? MergedIntoId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>PostgreSQL's xmin: concurrent edits of the same row fail instead of overwriting each other.</summary>
    public uint Version { get; private set; }

    private Organisation() { }

    public bool AdmitsMembers => Kind is OrganisationKind.Grassroots or OrganisationKind.JointGrassroots or OrganisationKind.UnionGroup
                                 && State is OrganisationState.Approved or OrganisationState.Active or OrganisationState.ReelectionDue;

    public bool IsApproved => State is OrganisationState.Approved or OrganisationState.Active or OrganisationState.ReelectionDue;

    public static Organisation Propose(Guid id, string name, OrganisationKind kind, Organisation? parent, string districtId,
        int termYears, DateTimeOffset now)
    {
        if (termYears is not (3 or 5)) throw new DomainException("A union's term is 3 or 5 years.");
        var expectedParent = ExpectedParentKinds(kind);
        if (parent is null && expectedParent.Length > 0)
            throw new DomainException($"A {kind} union needs a parent ({string.Join(" or ", expectedParent)}).");
        if (parent is not null && !expectedParent.Contains(parent.Kind))
            throw new DomainException($"A {kind} union cannot sit under a {parent.Kind} union.");
        if (parent is { Kind: not OrganisationKind.City } && parent.DistrictId != districtId)
            throw new DomainException("A union belongs to the district of its parent.");
        return new Organisation
        {
            Id = id, Name = name, Kind = kind, ParentId = parent?.Id, DistrictId = districtId,
            State = OrganisationState.Preparing, TermYears = termYears, CreatedAt = now,
        };
    }

    /// <summary>Approval by the parent. The parent must itself be approved; the city federation approves itself.</summary>
    public void Approve(Organisation? parent)
    {
        Require(OrganisationState.Preparing, "approved");
        if (Kind != OrganisationKind.City && (parent is null || parent.Id != ParentId))
            throw new DomainException("Only the parent union can approve.");
        if (parent is { IsApproved: false })
            throw new DomainException("The parent union is not approved itself.", parent.State.ToString());
        State = OrganisationState.Approved;
    }

    /// <summary>After the founding congress elects its committee: the term starts.</summary>
    public void Activate(int memberCount, DateOnly today)
    {
        Require(OrganisationState.Approved, "activated");
        EnsureCommittee(memberCount);
        State = OrganisationState.Active;
        TermStartedOn = today;
    }

    /// <summary>A committee is elected or stood down; an active union of <see cref="CommitteeThreshold"/>+ members keeps one.</summary>
    public void SetCommittee(bool hasCommittee, int memberCount)
    {
        if (!hasCommittee && State is OrganisationState.Active or OrganisationState.ReelectionDue && memberCount >= CommitteeThreshold)
            throw new DomainException($"An active union of {CommitteeThreshold} or more members keeps a committee.", State.ToString());
        HasCommittee = hasCommittee;
    }

    /// <summary>District and city federations are approved and dissolved by the city federation only.</summary>
    public bool IsFederation => Kind is OrganisationKind.City or OrganisationKind.District;

    public DateOnly? TermEndsOn => TermStartedOn?.AddYears(TermYears);

    /// <summary>The term has run out: the union must hold a re-election.</summary>
    public bool MarkReelectionDueIfExpired(DateOnly today)
    {
        if (State != OrganisationState.Active || TermEndsOn is not { } end || end > today) return false;
        State = OrganisationState.ReelectionDue;
        return true;
    }

    public void Reelect(int memberCount, DateOnly today)
    {
        if (State is not (OrganisationState.Active or OrganisationState.ReelectionDue))
            throw new DomainException("Only an active union holds a re-election.", State.ToString());
        EnsureCommittee(memberCount);
        State = OrganisationState.Active;
        TermStartedOn = today;
    }

    /// <summary>Closes the union; its members and its open child organisations must have gone first.</summary>
    public void Dissolve(int activeMembers, int openChildren)
    {
        if (!IsApproved && State != OrganisationState.Preparing)
            throw new DomainException("The union is already closed.", State.ToString());
        if (activeMembers > 0)
            throw new DomainException($"The union still has {activeMembers} active members: transfer them first.", State.ToString());
        if (openChildren > 0)
            throw new DomainException($"The union still has {openChildren} open organisations under it: dissolve or merge them first.", State.ToString());
        State = OrganisationState.Dissolved;
    }

    /// <summary>Merged into another union of the same level; its members are moved by the caller.</summary>
    public void MergeInto(Organisation target)
    {
        if (!IsApproved) throw new DomainException("Only an approved union can be merged.", State.ToString());
        if (target.Id == Id || !target.IsApproved || target.Kind is OrganisationKind.City or OrganisationKind.District
            || Kind is OrganisationKind.City or OrganisationKind.District)
            throw new DomainException("A grassroots union merges only into another approved grassroots union.");
        State = OrganisationState.Merged;
        MergedIntoId = target.Id;
    }

    private void EnsureCommittee(int memberCount)
    {
        if (memberCount >= CommitteeThreshold && !HasCommittee)
            throw new DomainException($"A union with {CommitteeThreshold} or more members needs a committee.", State.ToString());
    }

    private void Require(OrganisationState expected, string verb)
    {
        if (State != expected) throw new DomainException($"Only a {expected} union can be {verb}.", State.ToString());
    }

    private static OrganisationKind[] ExpectedParentKinds(OrganisationKind kind) => kind switch
    {
        OrganisationKind.City => [],
        OrganisationKind.District => [OrganisationKind.City],
        OrganisationKind.Grassroots or OrganisationKind.JointGrassroots => [OrganisationKind.District],
        _ => [OrganisationKind.Grassroots, OrganisationKind.JointGrassroots],
    };
}
