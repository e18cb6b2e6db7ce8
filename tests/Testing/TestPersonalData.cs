using Microsoft.AspNetCore.Hosting;
using UnionPlatform.Kernel.Privacy;

namespace UnionPlatform.Testing;

/// <summary>Fixed personal-data keys for the services under test (the AppHost generates its own for development).</summary>
public static class TestPersonalData
{
    public const string KeyId = "test1";
    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string HashKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static IWebHostBuilder UseTestPersonalDataKeys(this IWebHostBuilder builder) => builder
        .UseSetting($"{PersonalDataOptions.Section}:CurrentKeyId", KeyId)
        .UseSetting($"{PersonalDataOptions.Section}:Keys:{KeyId}", Key)
        .UseSetting($"{PersonalDataOptions.Section}:HashKey", HashKey);

    public static PersonalDataProtector Protector() =>
        new(new PersonalDataOptions { CurrentKeyId = KeyId, Keys = { [KeyId] = Key }, HashKey = HashKey });
}
