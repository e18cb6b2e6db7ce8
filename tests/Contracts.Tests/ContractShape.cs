using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace UnionPlatform.Contracts.Tests;

/// <summary>
/// A stable description of an event's JSON shape: its wire URN and, for every property, the JSON name, the JSON
/// type, whether the property must be present and whether it may be null. Properties are sorted by name because
/// their order is not part of the contract.
/// </summary>
public static class ContractShape
{
    /// <summary>The options subscribers are told to read our events with: camelCase names, System.Text.Json.</summary>
    public static readonly JsonSerializerOptions Web = ReadOnly(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    });

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }

    private static readonly JsonSerializerOptions SnapshotFormat = new() { WriteIndented = true };

    public static JsonObject Describe(Type eventType) => new()
    {
        ["event"] = eventType.FullName,
        ["messageUrn"] = ContractCatalog.Urn(eventType),
        ["properties"] = DescribeProperties(eventType, []),
    };

    public static string ToSnapshotText(JsonObject shape) =>
        shape.ToJsonString(SnapshotFormat).ReplaceLineEndings("\n") + "\n";

    private static JsonArray DescribeProperties(Type type, HashSet<Type> enclosing)
    {
        var typeInfo = Web.GetTypeInfo(type);
        if (!enclosing.Add(type)) throw new InvalidOperationException($"{type} refers to itself; contracts must be trees.");
        var properties = new JsonArray();
        foreach (var property in typeInfo.Properties.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var description = new JsonObject
            {
                ["name"] = property.Name,
                ["required"] = property.IsRequired,
                ["nullable"] = property.IsGetNullable,
            };
            foreach (var (key, value) in DescribeType(property.PropertyType, enclosing).ToList())
                description[key] = value?.DeepClone();
            properties.Add(description);
        }
        enclosing.Remove(type);
        return properties;
    }

    private static JsonObject DescribeType(Type type, HashSet<Type> enclosing)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        if (clr.IsEnum) return new JsonObject { ["type"] = "enum", ["format"] = clr.Name };

        var typeInfo = Web.GetTypeInfo(clr);
        return typeInfo.Kind switch
        {
            JsonTypeInfoKind.Enumerable => new JsonObject
            {
                ["type"] = "array",
                ["items"] = DescribeType(typeInfo.ElementType!, enclosing),
            },
            JsonTypeInfoKind.Object => new JsonObject
            {
                ["type"] = "object",
                ["properties"] = DescribeProperties(clr, enclosing),
            },
            JsonTypeInfoKind.Dictionary => new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = DescribeType(typeInfo.ElementType!, enclosing),
            },
            _ => Primitive(clr),
        };
    }

    private static JsonObject Primitive(Type clr)
    {
        (string type, string? format) = clr switch
        {
            _ when clr == typeof(string) => ("string", null),
            _ when clr == typeof(Guid) => ("string", "uuid"),
            _ when clr == typeof(DateTimeOffset) => ("string", "date-time"),
            _ when clr == typeof(DateTime) => ("string", "date-time-without-offset"),
            _ when clr == typeof(DateOnly) => ("string", "date"),
            _ when clr == typeof(TimeOnly) => ("string", "time"),
            _ when clr == typeof(bool) => ("boolean", null),
            _ when clr == typeof(int) => ("integer", "int32"),
            _ when clr == typeof(long) => ("integer", "int64"),
            _ when clr == typeof(decimal) => ("number", "decimal"),
            _ when clr == typeof(double) => ("number", "double"),
            _ => throw new NotSupportedException($"Add a JSON description for {clr} to {nameof(ContractShape)}."),
        };
        var description = new JsonObject { ["type"] = type };
        if (format is not null) description["format"] = format;
        return description;
    }

    /// <summary>
    /// Flattens a shape into one line per property path ("recipients[].memberId" → "string/uuid, required, not null")
    /// so that a difference can be told property by property.
    /// </summary>
    public static SortedDictionary<string, PropertyFacts> Flatten(JsonNode? shape)
    {
        var facts = new SortedDictionary<string, PropertyFacts>(StringComparer.Ordinal);
        if (shape?["properties"] is JsonArray properties) FlattenInto(properties, "", facts);
        return facts;
    }

    private static void FlattenInto(JsonArray properties, string prefix, IDictionary<string, PropertyFacts> facts)
    {
        foreach (var property in properties.OfType<JsonObject>())
        {
            var path = prefix + (string?)property["name"];
            facts[path] = new PropertyFacts(
                TypeText(property),
                (bool?)property["required"] ?? false,
                (bool?)property["nullable"] ?? false);
            JsonNode? node = property;
            var nodePath = path;
            while (node?["items"] is JsonObject items)
            {
                node = items;
                nodePath += "[]";
            }
            if (node?["properties"] is JsonArray nested) FlattenInto(nested, nodePath + ".", facts);
        }
    }

    private static string TypeText(JsonNode node) => (string?)node["type"] switch
    {
        "array" => $"array of {TypeText(node["items"]!)}",
        var type when node["format"] is { } format => $"{type}/{(string?)format}",
        var type => type ?? "?",
    };

    public sealed record PropertyFacts(string Type, bool Required, bool Nullable)
    {
        public override string ToString() =>
            $"{Type}, {(Required ? "required" : "optional")}, {(Nullable ? "nullable" : "not null")}";
    }
}
