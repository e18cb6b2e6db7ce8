using System.Security.Claims;
using Microsoft.Extensions.Localization;
using UnionPlatform.Portal.Localization;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Portal.Components.Shared;

/// <summary>What the signed-in person may do, as the services decide it (the portal only hides what would be refused).</summary>
public static class Roles
{
    public static bool CanWrite(ClaimsPrincipal user) => user.CanWrite();

    /// <summary>The person's district, or null for city-wide roles.</summary>
    public static string? District(ClaimsPrincipal user) => user.DistrictScope().District;

    public static bool IsCityAdmin(ClaimsPrincipal user) => user.IsCityAdmin();

    public static string Describe(ClaimsPrincipal user, IStringLocalizer<Texts> l, Clients.Districts districts)
    {
        var role = UnionRoles.All.FirstOrDefault(user.IsInRole);
        var name = role is null ? "" : l[$"Role.{role}"].Value;
        return District(user) is { } d ? $"{name}（{districts.Name(d)}）" : name;
    }
}
