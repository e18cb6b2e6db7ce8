namespace UnionPlatform.Seeds;

/// <summary>A district, county or development zone of the demo city.</summary>
public sealed record SeedDistrict(string Id, string Name, string AreaCode, int Population);

/// <summary>An Active, approved union organisation; DistrictId is empty for the city federation.</summary>
public sealed record SeedOrganisation(
    Guid Id, Guid? ParentId, string Kind, string Name, string DistrictId, DateOnly EstablishedOn, int TermYears,
    bool HasCommittee);

/// <summary>A legal-person employer; <see cref="UnionId"/> is null when no union covers it.</summary>
public sealed record SeedEnterprise(
    Guid Id, string CreditCode, string Name, string DistrictId, string Industry, int Headcount, Guid? UnionId);

/// <summary>A member of the union that covers their employer. The national ID is unique across the city.</summary>
public sealed record SeedMember(
    Guid Id, string NationalId, string Name, string Phone, string DistrictId, Guid UnionId, Guid EnterpriseId,
    DateOnly JoinedOn, string Status);

/// <summary>A filed hardship case of an active member; the category follows the DOMAIN.md §2 income test.</summary>
public sealed record SeedHardshipFile(
    Guid Id, Guid MemberId, string DistrictId, int HouseholdSize, decimal AnnualIncome, decimal EssentialCosts,
    string[] Causes, string Category, DateOnly FiledOn);

/// <summary>The string values used in the records' Kind, Status, Category and Causes fields.</summary>
public static class SeedValues
{
    public const string City = "City", District = "District", Grassroots = "Grassroots", JointGrassroots = "JointGrassroots";
    public const string Active = "Active", Retained = "Retained", Withdrawn = "Withdrawn";
    public const string Deep = "Deep", Relative = "Relative", Accidental = "Accidental";
    public const string Illness = "Illness", Disability = "Disability", Unemployment = "Unemployment",
        Education = "Education", Accident = "Accident", Disaster = "Disaster";
}
