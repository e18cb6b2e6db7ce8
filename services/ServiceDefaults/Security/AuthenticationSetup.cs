using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace UnionPlatform.ServiceDefaults.Security;

public static class AuthenticationSetup
{
    /// <summary>JWT bearer on every API, role policies, and the district claim kept as issued.</summary>
    public static IHostApplicationBuilder AddUnionAuthentication(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (string.IsNullOrWhiteSpace(options.Authority) && string.IsNullOrWhiteSpace(options.SigningKey))
            throw new InvalidOperationException(
                "Configure Auth:Authority (an OIDC provider) or, for local runs, Auth:SigningKey.");

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                RoleClaimType = UnionRoles.RoleClaim,
                NameClaimType = "sub",
                ValidAudience = options.Audience,
                ValidateIssuer = true,
                ValidIssuer = options.Issuer,
            };
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                jwt.Authority = options.Authority;
                jwt.TokenValidationParameters.ValidIssuer = null;
                jwt.TokenValidationParameters.ValidateIssuer = true;
            }
            else
            {
                jwt.RequireHttpsMetadata = false;
                jwt.TokenValidationParameters.IssuerSigningKey = DevTokens.Key(options.SigningKey!);
            }
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(UnionPolicies.Read, p => p.RequireRole(UnionRoles.CityAdmin, UnionRoles.Auditor, UnionRoles.DistrictStaff)
                .RequireAssertion(HasDistrictWhenStaff))
            .AddPolicy(UnionPolicies.Write, p => p.RequireRole(UnionRoles.CityAdmin, UnionRoles.DistrictStaff)
                .RequireAssertion(HasDistrictWhenStaff))
            .AddPolicy(UnionPolicies.CityAdmin, p => p.RequireRole(UnionRoles.CityAdmin));
        return builder;
    }

    // District staff without a district claim would otherwise see nothing but get 200s; refuse them outright.
    private static bool HasDistrictWhenStaff(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext ctx) =>
        !ctx.User.IsInRole(UnionRoles.DistrictStaff) || ctx.User.IsInRole(UnionRoles.CityAdmin)
        || ctx.User.HasClaim(c => c.Type == UnionRoles.DistrictClaim && !string.IsNullOrWhiteSpace(c.Value));
}
