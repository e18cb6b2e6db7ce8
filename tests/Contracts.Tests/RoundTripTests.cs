using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace UnionPlatform.Contracts.Tests;

/// <summary>Every event survives being written to JSON and read back, with all its values and with nulls.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var type in ContractCatalog.Events)
        {
            data.Add(type.FullName!, false);
            data.Add(type.FullName!, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Event_serialises_and_deserialises_to_an_equal_record(string eventName, bool nullablesNull)
    {
        var type = ContractCatalog.Event(eventName);
        var original = SampleEvents.Create(type, nullablesNull);

        var json = JsonSerializer.Serialize(original, type, ContractShape.Web);
        var copy = JsonSerializer.Deserialize(json, type, ContractShape.Web);

        AssertDeepEqual(original, copy, type.Name, json);
    }

    /// <summary>
    /// Our services publish with MassTransit's System.Text.Json options, which write decimals as JSON strings
    /// ("1062.50"); a subscriber reading with plain web defaults must still get the same values, and the other way round.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Event_written_by_MassTransit_reads_with_web_defaults_and_back(string eventName, bool nullablesNull)
    {
        var type = ContractCatalog.Event(eventName);
        var original = SampleEvents.Create(type, nullablesNull);
        var wire = MassTransit.Serialization.SystemTextJsonMessageSerializer.Options;

        var written = JsonSerializer.Serialize(original, type, wire);
        AssertDeepEqual(original, JsonSerializer.Deserialize(written, type, ContractShape.Web), type.Name, written);

        var webJson = JsonSerializer.Serialize(original, type, ContractShape.Web);
        AssertDeepEqual(original, JsonSerializer.Deserialize(webJson, type, wire), type.Name, webJson);
    }

    /// <summary>
    /// Record equality compares collections by reference, so a list that came back from JSON is never "equal" to the
    /// one that went in; compare values, property by property and element by element, and name the first that differs.
    /// </summary>
    private static void AssertDeepEqual(object? expected, object? actual, string path, string json)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}. JSON: {json}");
            return;
        }
        var type = expected.GetType();
        if (type.IsPrimitive || type.IsValueType || type == typeof(string))
        {
            Assert.True(expected.Equals(actual), $"{path}: expected {expected}, got {actual}. JSON: {json}");
            return;
        }
        if (expected is IEnumerable expectedItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
            Assert.True(left.Count == right.Count, $"{path}: expected {left.Count} items, got {right.Count}. JSON: {json}");
            for (var i = 0; i < left.Count; i++) AssertDeepEqual(left[i], right[i], $"{path}[{i}]", json);
            return;
        }
        Assert.Equal(type, actual.GetType());
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
            AssertDeepEqual(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", json);
    }
}
