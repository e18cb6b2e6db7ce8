using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.Membership.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database or AppHost.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MembershipDbContext>
{
    public MembershipDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<MembershipDbContext>()
        .UseNpgsql("Host=localhost;Database=membershipdb").UseSnakeCaseNamingConvention()
        .UsePersonalData(PersonalDataModel.DesignTimeProtector()).Options);
}
