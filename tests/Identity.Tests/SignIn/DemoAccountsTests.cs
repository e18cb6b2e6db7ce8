using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using UnionPlatform.Identity.Seeding;

namespace UnionPlatform.Identity.Tests.SignIn;

public sealed class DemoAccountsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task The_demo_accounts_with_their_published_password_are_refused_outside_development(string environment)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DemoAccounts.SeedAsync(null!,
            new HostingEnvironment { EnvironmentName = environment }, TimeProvider.System, NullLogger.Instance));
        Assert.Contains("Development only", error.Message);
    }
}
