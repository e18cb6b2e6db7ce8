using System.Security.Claims;

namespace UnionPlatform.ServiceDefaults.Security;

/// <summary>The roles a token can carry, and the claim that scopes district staff.</summary>
public static class UnionRoles
{
    public const string CityAdmin = "city-admin";
    public const string DistrictStaff = "district-staff";
    public const string Auditor = "auditor";
    /// <summary>Other city agencies: they subscribe to events and have no access to internal APIs.</summary>
    public const string Agency = "agency";

    public const string RoleClaim = "role";
    public const string DistrictClaim = "district";

    public static readonly IReadOnlyList<string> All = [CityAdmin, DistrictStaff, Auditor, Agency];
}

public static class UnionPolicies
{
    /// <summary>City admins, auditors, and district staff (within their district).</summary>
    public const string Read = "union-read";
    /// <summary>City admins, and district staff (within their district). Auditors are read-only.</summary>
    public const string Write = "union-write";
    /// <summary>City-wide operations: approving district federations, re-driving dead letters.</summary>
    public const string CityAdmin = "union-city-admin";
}

/// <summary>
/// Which districts a caller may see. District staff see their own; city admins and auditors see all.
/// A record outside the scope is answered with 404, so its existence does not leak.
/// </summary>
public readonly record struct DistrictScope(string? District)
{
    public bool IsCityWide => District is null;

    public bool Allows(string districtId) => District is null || string.Equals(District, districtId, StringComparison.Ordinal);

    public static DistrictScope For(ClaimsPrincipal user) =>
        user.IsInRole(UnionRoles.CityAdmin) || user.IsInRole(UnionRoles.Auditor)
            ? new DistrictScope(null)
            : new DistrictScope(user.FindFirstValue(UnionRoles.DistrictClaim) ?? "\0no-district");
}

public static class ClaimsPrincipalExtensions
{
    public static DistrictScope DistrictScope(this ClaimsPrincipal user) => Security.DistrictScope.For(user);
}
