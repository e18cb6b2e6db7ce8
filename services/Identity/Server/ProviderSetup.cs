using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Validation.AspNetCore;
using UnionPlatform.Identity.Data;
using UnionPlatform.Identity.Domain;
using UnionPlatform.Identity.UseCases;
using UnionPlatform.Messaging.Data;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UnionPlatform.Identity.Server;

public static class ProviderSetup
{
    /// <summary>The audience of every access token: the platform's APIs (Auth:Audience on the services).</summary>
    public const string Audience = "unionplatform";
    /// <summary>Policy of the administration API: a city admin's access token from this provider.</summary>
    public const string AdminPolicy = UnionPolicies.CityAdmin; // named as the services name theirs, so the generated tests know it

    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(12);

    public static IHostApplicationBuilder AddIdentityProvider(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.IdentityDb)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.IdentityDb} is not configured.");
        builder.Services.AddSingleton(new UnionDatabase<IdentityDb>(connectionString));
        builder.Services.AddDbContext<IdentityDb>(options => options
            .UseNpgsql(connectionString).UseSnakeCaseNamingConvention().UseOpenIddict());
        builder.Services.AddHealthChecks().AddCheck<IdentityDbHealthCheck>(ResourceNames.IdentityDb, tags: ["ready"]);

        builder.Services.AddIdentity<StaffAccount, IdentityRole<Guid>>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequiredUniqueChars = 4;
                // "Confirmed" means enabled here (EnabledAccountsOnly): Identity then refuses disabled accounts' passwords.
                options.SignIn.RequireConfirmedAccount = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-._";
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<IdentityDb>()
            .AddDefaultTokenProviders()
            .AddUserConfirmation<EnabledAccountsOnly>();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/connect/endsession";
            cookie.AccessDeniedPath = "/account/login";
            cookie.Cookie.Name = "unionplatform.identity";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
        });
        // A disabled account or a changed password (the security stamp) ends the session within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.AddAuthentication().AddCookie(SignInSteps.PendingScheme, cookie =>
        {
            cookie.Cookie.Name = "unionplatform.identity.pending";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = SignInSteps.PendingLifetime;
            cookie.LoginPath = "/account/login";
        });

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(server =>
            {
                if (builder.Configuration["Identity:Issuer"] is { Length: > 0 } issuer) server.SetIssuer(new Uri(issuer));
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/endsession")
                    .SetUserInfoEndpointUris("connect/userinfo");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess);
                server.SetAccessTokenLifetime(AccessTokenLifetime)
                    .SetRefreshTokenLifetime(RefreshTokenLifetime)
                    // Rolling refresh tokens, and no grace period: a refresh token used twice revokes its whole chain.
                    .SetRefreshTokenReuseLeeway(null);
                // Plain signed JWTs: every service validates them through discovery with the standard JWT handler.
                server.DisableAccessTokenEncryption();
                SigningKeys.Configure(server, builder.Configuration, builder.Environment);
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                // Plain HTTP only where the AppHost or a test runs it on loopback; production sits behind TLS.
                if (!builder.Environment.IsProduction()) aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(Audience);
                validation.UseAspNetCore();
            });

        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.IsCityAdmin()));

        builder.Services.AddScoped<SignInSteps>();
        builder.Services.AddScoped<SecurityLog>();
        builder.Services.AddHostedService<ProviderStartup>();
        return builder;
    }

    /// <summary>Only enabled accounts may sign in: checked by Identity at every password sign-in.</summary>
    private sealed class EnabledAccountsOnly : IUserConfirmation<StaffAccount>
    {
        public Task<bool> IsConfirmedAsync(UserManager<StaffAccount> manager, StaffAccount user) => Task.FromResult(user.Enabled);
    }
}
