using Microsoft.Extensions.Configuration;

namespace UnionPlatform.Testing;

/// <summary>The configuration a demo-city seeder reads: a small city, seeding asked for or not (null: not said).</summary>
public static class SeedSettings
{
    public static IConfiguration For(bool? enabled, int members = 1000) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Seed:Members"] = members.ToString(), ["Seed:Enabled"] = enabled?.ToString() })
        .Build();
}
