using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Portal.SignIn;

namespace UnionPlatform.Portal.Tests;

/// <summary>Who the portal lets in: staff roles only. An agency's token, or a role the platform does not know, gets no page.</summary>
public sealed class PortalPolicyTests
{
    private static readonly IAuthorizationService Authorization = Build();

    private static IAuthorizationService Build()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Portal:Authority"] = "http://localhost/identity/";
        builder.AddPortalSignIn();
        return builder.Build().Services.GetRequiredService<IAuthorizationService>();
    }

    private static ClaimsPrincipal Person(string role, string? district = null)
    {
        var claims = new List<Claim> { new("sub", Guid.NewGuid().ToString()), new("role", role) };
        if (district is not null) claims.Add(new Claim("district", district));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", "name", "role"));
    }

    [Theory]
    [InlineData("city-admin", null, true, true)]
    [InlineData("auditor", null, true, false)]
    [InlineData("district-staff", "gulou", true, false)]
    [InlineData("district-staff", null, false, false)] // staff without a district see nothing: refused outright
    [InlineData("agency", null, false, false)]
    [InlineData("visitor", null, false, false)]
    public async Task Only_staff_get_in_and_only_city_admins_administer_accounts(string role, string? district, bool staff, bool admin)
    {
        Assert.Equal(staff, (await Authorization.AuthorizeAsync(Person(role, district), PortalSignIn.StaffPolicy)).Succeeded);
        Assert.Equal(admin, (await Authorization.AuthorizeAsync(Person(role, district), PortalSignIn.CityAdminPolicy)).Succeeded);
    }
}
