using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Gateway;

/// <summary>
/// POST /dev/token: a token signed with the development key, for local runs and tests. Mapped in Development only;
/// in production tokens come from the city's OIDC provider (Auth:Authority) and this endpoint does not exist.
/// </summary>
public static class DevTokenEndpoints
{
    public sealed record DevTokenRequest(string? Role, string? District);

    public sealed record DevTokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public static IEndpointRouteBuilder MapDevTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/token", Issue)
            .AllowAnonymous()
            .WithName("IssueDevToken")
            .WithSummary("Issues a development JWT for a role (and, for district staff, a district).");
        return app;
    }

    private static Results<Ok<DevTokenResponse>, ValidationProblem> Issue(DevTokenRequest? request, IConfiguration configuration)
    {
        var role = request?.Role?.Trim();
        var district = request?.District?.Trim();
        var validation = new Validation()
            .Required(role, "role")
            .When(!string.IsNullOrEmpty(role) && !UnionRoles.All.Contains(role), "role",
                $"Unknown role; use one of: {string.Join(", ", UnionRoles.All)}.")
            .When(role == UnionRoles.DistrictStaff && string.IsNullOrEmpty(district), "district",
                "District staff need a district, e.g. \"gulou\".");
        if (!validation.IsValid) return validation.Problem();

        var token = DevTokens.Issue(configuration, role!, string.IsNullOrEmpty(district) ? null : district);
        return TypedResults.Ok(new DevTokenResponse(token, (int)DevTokens.Lifetime.TotalSeconds));
    }
}
