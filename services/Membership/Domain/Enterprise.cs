using UnionPlatform.Kernel;

namespace UnionPlatform.Membership.Domain;

/// <summary>A legal-person employer. Covered when a grassroots (or joint) union is established in it.</summary>
public sealed class Enterprise
{
    public Guid Id { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string DistrictId { get; private set; } = "";
    public string Industry { get; private set; } = "";
    public int Headcount { get; private set; }
    public Guid? UnionId { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>PostgreSQL's xmin: concurrent edits of the same row fail instead of overwriting each other.</summary>
    public uint Version { get; private set; }

    private Enterprise() { }

    public bool IsCovered => UnionId is not null;

    public static Enterprise Register(Guid id, string creditCode, string name, string districtId, string industry,
        int headcount, DateTimeOffset now)
    {
        if (headcount < 0) throw new DomainException("Headcount cannot be negative.");
        return new Enterprise
        {
            Id = id, CreditCode = creditCode, Name = name, DistrictId = districtId, Industry = industry,
            Headcount = headcount, RegisteredAt = now,
        };
    }

    /// <summary>Covered by a union of its own district. One union per enterprise.</summary>
    public void CoverBy(Organisation union)
    {
        if (union.Kind is not (OrganisationKind.Grassroots or OrganisationKind.JointGrassroots))
            throw new DomainException("Only a grassroots or joint grassroots union covers enterprises.");
        if (union.DistrictId != DistrictId) throw new DomainException("A union covers enterprises of its own district only.");
        if (UnionId is { } current && current != union.Id)
            throw new DomainException("The enterprise is already covered by another union.");
        UnionId = union.Id;
    }

    public void Uncover() => UnionId = null;

    /// <summary>Returns the change, which the coverage read model needs.</summary>
    public int ChangeHeadcount(int headcount)
    {
        if (headcount < 0) throw new DomainException("Headcount cannot be negative.");
        var delta = headcount - Headcount;
        Headcount = headcount;
        return delta;
    }
}
