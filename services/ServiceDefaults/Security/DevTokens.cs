using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace UnionPlatform.ServiceDefaults.Security;

/// <summary>
/// Issues tokens signed with the development key, for local runs (the gateway's /dev/token) and tests.
/// Never wired up outside Development: production tokens come from the configured OIDC authority.
/// </summary>
public static class DevTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static SymmetricSecurityKey Key(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    public static string Issue(IConfiguration configuration, string role, string? district, string subject = "dev-user")
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
            throw new InvalidOperationException("Auth:SigningKey is not configured, so no development token can be issued.");
        return Issue(options, role, district, subject);
    }

    public static string Issue(AuthOptions options, string role, string? district, string subject = "dev-user") =>
        Issue(options, [role], district, subject);

    /// <summary>A token with several roles (tests prove that combining roles never widens access).</summary>
    public static string Issue(AuthOptions options, IReadOnlyList<string> roles, string? district, string subject = "dev-user",
        DateTime? expires = null)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject) };
        claims.AddRange(roles.Select(r => new Claim(UnionRoles.RoleClaim, r)));
        if (!string.IsNullOrWhiteSpace(district)) claims.Add(new Claim(UnionRoles.DistrictClaim, district));

        var now = DateTime.UtcNow;
        var expiry = expires ?? now.Add(Lifetime);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Issuer,
            Audience = options.Audience,
            NotBefore = expiry < now ? expiry.AddHours(-1) : now.AddMinutes(-1),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(Key(options.SigningKey!), SecurityAlgorithms.HmacSha256),
        });
    }
}
