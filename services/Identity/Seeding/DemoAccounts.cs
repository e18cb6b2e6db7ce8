using Microsoft.AspNetCore.Identity;
using UnionPlatform.Identity.Domain;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Identity.Seeding;

/// <summary>
/// The demo city's staff: a city admin, an auditor, and one district staff account per district, all with the
/// password in the README's quick start. Development only: a known password anywhere else would be an open door.
/// </summary>
public static partial class DemoAccounts
{
    public const string Password = "jiangzhou-demo-2026";
    public const string CityAdmin = "city-admin";
    public const string Auditor = "auditor";
    public static string DistrictStaff(string district) => $"{district}-staff";

    public static async Task SeedAsync(UserManager<StaffAccount> accounts, IHostEnvironment environment, TimeProvider clock, ILogger logger)
    {
        if (!environment.IsDevelopment())
            throw new InvalidOperationException("The demo accounts have a published password: Seed:Enabled is for Development only.");
        var districts = Seeds.DemoCity.Create().Districts;
        List<(string UserName, string Name, string Role, string? District)> wanted =
        [
            (CityAdmin, "市总工会系统管理员", UnionRoles.CityAdmin, null),
            (Auditor, "市总工会经费审计员", UnionRoles.Auditor, null),
            .. districts.Select(d => (DistrictStaff(d.Id), $"{d.Name}工作人员", UnionRoles.DistrictStaff, (string?)d.Id)),
        ];
        var created = 0;
        foreach (var (userName, name, role, district) in wanted)
        {
            if (await accounts.FindByNameAsync(userName) is not null) continue;
            var account = StaffAccount.Create(userName, name, role, district, clock.GetUtcNow());
            account.PasswordChanged(); // the demo password is published: no forced change, so the demo starts at once
            var result = await accounts.CreateAsync(account, Password);
            if (!result.Succeeded) throw new InvalidOperationException($"Demo account {userName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            created++;
        }
        if (created > 0) LogSeeded(logger, created);
    }

    [LoggerMessage(LogLevel.Information, "Created {Count} demo staff accounts (password in the README)")]
    private static partial void LogSeeded(ILogger logger, int count);
}
