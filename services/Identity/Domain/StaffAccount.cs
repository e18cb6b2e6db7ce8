using Microsoft.AspNetCore.Identity;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Identity.Domain;

/// <summary>
/// A person on the union's staff who signs in: one role (city-admin, district-staff with its district, auditor).
/// Agencies are not accounts: they are OpenIddict clients with client credentials.
/// </summary>
public sealed class StaffAccount : IdentityUser<Guid>
{
    /// <summary>The roles a person can hold; "agency" is a client's, never an account's.</summary>
    public static readonly IReadOnlyList<string> Roles = [UnionRoles.CityAdmin, UnionRoles.DistrictStaff, UnionRoles.Auditor];

    public string DisplayName { get; private set; } = "";
    public string Role { get; private set; } = UnionRoles.DistrictStaff;
    /// <summary>The district a district-staff account works in; null for city-wide roles.</summary>
    public string? District { get; private set; }
    public bool Enabled { get; private set; } = true;
    /// <summary>Set for a new account and after a reset: the next sign-in must choose a new password first.</summary>
    public bool MustChangePassword { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private set; }

    private StaffAccount() { }

    public static StaffAccount Create(string userName, string displayName, string role, string? district, DateTimeOffset now)
    {
        var account = new StaffAccount { Id = Guid.CreateVersion7(now), UserName = userName.Trim(), CreatedAt = now };
        account.Rename(displayName);
        account.Assign(role, district);
        return account;
    }

    public void Rename(string displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100)
            throw new StaffAccountException("displayName", "A display name of 1 to 100 characters is required.");
        DisplayName = displayName.Trim();
    }

    /// <summary>District staff work in one district; city admins and auditors see the whole city and have none.</summary>
    public void Assign(string role, string? district)
    {
        if (!Roles.Contains(role))
            throw new StaffAccountException("role", $"Unknown role; use one of: {string.Join(", ", Roles)}.");
        district = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
        if (role == UnionRoles.DistrictStaff && district is null)
            throw new StaffAccountException("district", "District staff need a district.");
        if (role != UnionRoles.DistrictStaff && district is not null)
            throw new StaffAccountException("district", "Only district staff have a district.");
        (Role, District) = (role, district);
    }

    /// <summary>City admins act city-wide: a password alone is not enough for them.</summary>
    public bool RequiresAuthenticator => Role == UnionRoles.CityAdmin;

    public void Disable() => Enabled = false;
    public void Enable() => Enabled = true;
    public void RequirePasswordChange() => MustChangePassword = true;
    public void PasswordChanged() => MustChangePassword = false;
}

/// <summary>A rule of <see cref="StaffAccount"/> broken by the input; answered as a ProblemDetails naming the field.</summary>
public sealed class StaffAccountException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
