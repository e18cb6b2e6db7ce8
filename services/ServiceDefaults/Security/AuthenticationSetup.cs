using System.Text;
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
        // A short HMAC key can be brute-forced from one token; the development key is generated long enough.
        if (string.IsNullOrWhiteSpace(options.Authority) && !builder.Environment.IsDevelopment()
            && Encoding.UTF8.GetByteCount(options.SigningKey!) < AuthOptions.MinSigningKeyBytes)
            throw new InvalidOperationException($"Auth:SigningKey must be at least {AuthOptions.MinSigningKeyBytes} bytes.");

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
                // The library's default accepts tokens up to 5 minutes past expiry; clocks here are NTP-synced.
                ClockSkew = options.ClockSkew,
            };
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                jwt.Authority = options.Authority;
                // The provider's discovery document and keys over TLS in production; the AppHost and tests serve
                // them over plain HTTP on loopback.
                jwt.RequireHttpsMetadata = builder.Environment.IsProduction();
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
            .AddPolicy(UnionPolicies.Read, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => ctx.User.CanRead()))
            .AddPolicy(UnionPolicies.Write, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => ctx.User.CanWrite()))
            .AddPolicy(UnionPolicies.CityAdmin, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => ctx.User.IsCityAdmin()));
        return builder;
    }
}
