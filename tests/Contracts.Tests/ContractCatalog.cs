using System.Reflection;
using System.Text.RegularExpressions;
using MassTransit;

namespace UnionPlatform.Contracts.Tests;

/// <summary>The integration events of the contracts assembly, found by reflection so that none is forgotten.</summary>
public static partial class ContractCatalog
{
    public static readonly Assembly ContractsAssembly = typeof(IIntegrationEvent).Assembly;

    /// <summary>The publishing services; each has a namespace <c>UnionPlatform.Contracts.&lt;Publisher&gt;</c>.</summary>
    public static readonly IReadOnlyList<string> Publishers =
        ["Membership", "HardshipAid", "LegalAid", "Innovation", "FinanceAudit", "ReferenceData"];

    public static IReadOnlyList<Type> Events { get; } = ContractsAssembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>Event names for xunit theories (a string keeps each case visible by name in the results).</summary>
    public static TheoryData<string> EventNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in Events) data.Add(type.FullName!);
        return data;
    }

    public static Type Event(string fullName) =>
        Events.SingleOrDefault(t => t.FullName == fullName)
        ?? throw new InvalidOperationException($"No integration event named {fullName}.");

    /// <summary>The URN MassTransit puts on the wire, e.g. "urn:message:unionplatform:membership:member-joined:v1".</summary>
    public static string? Urn(Type type) => type.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString();

    /// <summary>The types an event's JSON is made of: the event and any record nested in its properties.</summary>
    public static IEnumerable<Type> TypesWithin(Type type)
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([type]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current)) continue;
            yield return current;
            foreach (var property in current.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var element = ElementOrSelf(property.PropertyType);
                if (element.Namespace?.StartsWith("UnionPlatform.Contracts", StringComparison.Ordinal) == true && element.IsClass)
                    pending.Push(element);
            }
        }
    }

    private static Type ElementOrSelf(Type type)
    {
        if (type == typeof(string)) return type;
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0] ?? type;
    }

    /// <summary>"HardshipFileFiled" → "hardship-file-filed".</summary>
    public static string Kebab(string pascal) => WordBoundary().Replace(pascal, "-$1").ToLowerInvariant();

    /// <summary>"NationalIdNumber" → ["National", "Id", "Number"].</summary>
    public static IReadOnlyList<string> Words(string pascal) =>
        WordBoundary().Replace(pascal, " $1").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex WordBoundary();
}
