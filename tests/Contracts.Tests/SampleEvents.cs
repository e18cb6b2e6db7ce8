using System.Collections;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace UnionPlatform.Contracts.Tests;

/// <summary>
/// Builds an instance of any contract by reflection, with a different value in every property (derived from the
/// property's name, so that two swapped properties cannot round-trip by accident).
/// </summary>
public static class SampleEvents
{
    /// <param name="withNulls">true: every nullable property is null; false: every property has a value.</param>
    public static object Create(Type type, bool withNulls)
    {
        var instance = Activator.CreateInstance(type)
                       ?? throw new InvalidOperationException($"Cannot create {type}.");
        var nullability = new NullabilityInfoContext();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var nullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
            var value = withNulls && nullable ? null : Value(property.PropertyType, $"{type.Name}.{property.Name}", withNulls);
            property.SetValue(instance, value);
        }
        return instance;
    }

    private static object Value(Type type, string seed, bool withNulls)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        var n = Seed(seed);
        if (clr == typeof(string)) return $"{seed.Split('.').Last()}-{n % 1000}";
        if (clr == typeof(Guid)) return new Guid(MD5.HashData(Encoding.UTF8.GetBytes(seed)));
        if (clr == typeof(DateTimeOffset)) return new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.FromHours(8)).AddSeconds(n % 100_000).AddTicks(n % 10_000);
        if (clr == typeof(DateOnly)) return new DateOnly(2025, 1, 1).AddDays((int)(n % 365));
        if (clr == typeof(int)) return (int)(n % 10_000) + 1;
        if (clr == typeof(long)) return n + 1;
        if (clr == typeof(decimal)) return 1062.50m + n % 10_000 / 100m;
        if (clr == typeof(bool)) return true;
        if (clr != typeof(string) && typeof(IEnumerable).IsAssignableFrom(clr))
        {
            var element = clr.IsArray ? clr.GetElementType()! : clr.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Value(element, seed + "[0]", withNulls));
            list.Add(Value(element, seed + "[1]", withNulls));
            return list;
        }
        if (clr.IsClass) return Create(clr, withNulls);
        throw new NotSupportedException($"Add a sample value for {clr} to {nameof(SampleEvents)}.");
    }

    private static long Seed(string text) => (long)(BitConverter.ToUInt64(MD5.HashData(Encoding.UTF8.GetBytes(text))) >> 2);
}
