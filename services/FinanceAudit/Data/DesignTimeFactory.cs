using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using UnionPlatform.Messaging.Data;

namespace UnionPlatform.FinanceAudit.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database or AppHost.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<FinanceDbContext>
{
    public FinanceDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<FinanceDbContext>()
        .UseNpgsql("Host=localhost;Database=financedb").UseSnakeCaseNamingConvention()
        .UsePersonalData(PersonalDataModel.DesignTimeProtector()).Options);
}
