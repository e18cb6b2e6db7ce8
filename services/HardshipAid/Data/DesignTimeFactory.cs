using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.HardshipAid.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database or AppHost.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HardshipDbContext>
{
    public HardshipDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<HardshipDbContext>()
        .UseNpgsql("Host=localhost;Database=hardshipdb").UseSnakeCaseNamingConvention()
        .UsePersonalData(PersonalDataModel.DesignTimeProtector()).Options);
}
