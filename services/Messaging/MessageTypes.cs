using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;
using UnionPlatform.Contracts;

namespace UnionPlatform.Messaging;

/// <summary>
/// An outbox row names its event by the contract's pinned [MessageUrn], the same name subscribers know it by, so a
/// contract can move to another namespace or assembly without poisoning the rows still waiting to be sent. Rows
/// written before URNs were stored hold an assembly-qualified CLR name; those still resolve.
/// </summary>
public static class MessageTypes
{
    private static readonly ConcurrentDictionary<string, Type?> Resolved = new(StringComparer.Ordinal);
    private static readonly Lazy<Dictionary<string, Type>> ByUrn = new(() => typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<MessageUrnAttribute>() is not null)
        .ToDictionary(t => UrnOf(t), t => t, StringComparer.Ordinal));

    /// <summary>The name stored for <paramref name="type"/>: its URN ("urn:message:unionplatform:..."), else its CLR name.</summary>
    public static string NameOf(Type type) => type.GetCustomAttribute<MessageUrnAttribute>() is not null
        ? UrnOf(type)
        : $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>The contract a stored name stands for, or null when nothing in this build answers to it (a poison row).</summary>
    public static Type? Resolve(string name) => Resolved.GetOrAdd(name, static n =>
        n.StartsWith("urn:", StringComparison.Ordinal)
            ? ByUrn.Value.GetValueOrDefault(n)
            : Type.GetType(n, throwOnError: false));

    private static string UrnOf(Type type) => type.GetCustomAttribute<MessageUrnAttribute>()!.Urn.ToString();
}
