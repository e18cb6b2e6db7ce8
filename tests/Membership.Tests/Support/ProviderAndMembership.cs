using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Testing;
using UnionPlatform.Testing.Identity;
using UnionPlatform.Membership.Data;

namespace UnionPlatform.Membership.Tests.Support;

/// <summary>
/// The provider, and Membership configured as the AppHost configures it: Auth:Authority names the provider, whose
/// discovery document and keys Membership fetches (here through the provider's in-memory server).
/// </summary>
public sealed class ProviderAndMembership : IAsyncLifetime
{
    public IdentityApp Provider { get; } = new();
    public MembershipWithProvider Membership { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Provider.InitializeAsync();
        _ = Provider.Server; // started, so its handler can serve Membership's metadata requests
        Membership = new MembershipWithProvider(Provider);
        await Membership.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Membership).DisposeAsync();
        await Provider.DisposeAsync();
    }

    public sealed class MembershipWithProvider(IdentityApp provider)
        : ServiceApp<Program, MembershipDbContext>(ResourceNames.MembershipDb, "membership")
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:Authority", "http://localhost/");
            builder.ConfigureTestServices(services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, // before JwtBearer builds its metadata manager
                jwt => jwt.BackchannelHttpHandler = provider.Server.CreateHandler()));
        }
    }
}
