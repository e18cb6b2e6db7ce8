using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UnionPlatform.Identity.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database or AppHost.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<IdentityDb>()
        .UseNpgsql("Host=localhost;Database=identitydb").UseSnakeCaseNamingConvention().Options);
}
