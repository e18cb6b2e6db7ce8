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

    /// <summary>A district-staff role scopes the caller to its district whatever other roles the token carries.</summary>
    public static DistrictScope For(ClaimsPrincipal user) =>
        user.IsInRole(UnionRoles.DistrictStaff) || !(user.IsInRole(UnionRoles.CityAdmin) || user.IsInRole(UnionRoles.Auditor))
            ? new DistrictScope(user.FindFirstValue(UnionRoles.DistrictClaim) is { Length: > 0 } d ? d : "\0no-district")
            : new DistrictScope(null);
}

/// <summary>
/// What a token may do. Roles combine by intersection, never by union: each role held must allow the action, so
/// district-staff + auditor reads its district only, and agency + anything reaches no internal API.
/// </summary>
public static class ClaimsPrincipalExtensions
{
    public static DistrictScope DistrictScope(this ClaimsPrincipal user) => Security.DistrictScope.For(user);

    public static bool CanRead(this ClaimsPrincipal user) =>
        HoldsOnly(user, UnionRoles.CityAdmin, UnionRoles.DistrictStaff, UnionRoles.Auditor) && HasDistrictWhenStaff(user);

    public static bool CanWrite(this ClaimsPrincipal user) =>
        HoldsOnly(user, UnionRoles.CityAdmin, UnionRoles.DistrictStaff) && HasDistrictWhenStaff(user);

    /// <summary>City-wide operations: a token that is city-admin and nothing narrower.</summary>
    public static bool IsCityAdmin(this ClaimsPrincipal user) => HoldsOnly(user, UnionRoles.CityAdmin);

    // At least one of the roles, and no platform role outside them (unknown roles grant nothing and take nothing).
    private static bool HoldsOnly(ClaimsPrincipal user, params string[] allowed)
    {
        var held = UnionRoles.All.Where(user.IsInRole).ToList();
        return held.Count > 0 && held.All(allowed.Contains);
    }

    // District staff without a district claim would otherwise see nothing but get 200s; refuse them outright.
    private static bool HasDistrictWhenStaff(ClaimsPrincipal user) =>
        !user.IsInRole(UnionRoles.DistrictStaff)
        || user.HasClaim(c => c.Type == UnionRoles.DistrictClaim && !string.IsNullOrWhiteSpace(c.Value));
}
