using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace UnionPlatform.Contracts.Tests;

/// <summary>The rules of STYLE.md's Messaging section, checked on every integration event.</summary>
public sealed partial class ContractConventionTests
{
    public static TheoryData<string> Events() => ContractCatalog.EventNames();

    [Fact]
    public void The_contracts_assembly_has_events_of_every_publisher()
    {
        var publishers = ContractCatalog.Events.Select(t => t.Namespace!.Split('.').Last()).ToHashSet();
        Assert.Equal(ContractCatalog.Publishers.Order(), publishers.Order());
    }

    [Fact]
    public void Every_event_has_a_message_urn_and_no_two_share_one()
    {
        var missing = ContractCatalog.Events.Where(t => ContractCatalog.Urn(t) is null).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "Events without [MessageUrn]: " + string.Join(", ", missing));

        var shared = ContractCatalog.Events.GroupBy(ContractCatalog.Urn).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.Name))}").ToList();
        Assert.True(shared.Count == 0, "Message URNs used by more than one event:\n" + string.Join("\n", shared));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_lives_in_its_publishers_namespace_and_its_urn_names_publisher_event_and_version(string eventName)
    {
        var type = ContractCatalog.Event(eventName);
        var publisher = type.Namespace!.Split('.').Last();
        Assert.True(type.Namespace == $"UnionPlatform.Contracts.{publisher}" && ContractCatalog.Publishers.Contains(publisher),
            $"{type.FullName} must live in UnionPlatform.Contracts.<Publisher>, one of: {string.Join(", ", ContractCatalog.Publishers)}.");

        var urn = ContractCatalog.Urn(type);
        var expected = $"urn:message:unionplatform:{ContractCatalog.Kebab(publisher)}:{ContractCatalog.Kebab(type.Name)}:v";
        Assert.True(urn is not null && urn.StartsWith(expected, StringComparison.Ordinal) && VersionSuffix().IsMatch(urn),
            $"{type.FullName}'s URN is '{urn}'; expected '{expected}<n>' ([MessageUrn(\"unionplatform:<publisher>:<event>:v<n>\")]).");
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_is_a_sealed_record_without_a_base_class(string eventName)
    {
        var type = ContractCatalog.Event(eventName);
        foreach (var part in ContractCatalog.TypesWithin(type))
        {
            Assert.True(IsRecord(part), $"{part.FullName} must be a record.");
            Assert.True(part.IsSealed, $"{part.FullName} must be sealed.");
            Assert.True(part.BaseType == typeof(object), $"{part.FullName} must not derive from {part.BaseType}: contracts have no base classes.");
        }
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_non_nullable_property_is_required_and_every_property_is_init_only(string eventName)
    {
        var nullability = new NullabilityInfoContext();
        var problems = new List<string>();
        foreach (var part in ContractCatalog.TypesWithin(ContractCatalog.Event(eventName)))
        foreach (var property in part.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var nullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
            if (!nullable && !property.IsDefined(typeof(RequiredMemberAttribute)))
                problems.Add($"{part.Name}.{property.Name} is not nullable, so it must be 'required'.");
            if (property.SetMethod is not { } setter
                || !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                problems.Add($"{part.Name}.{property.Name} must have an 'init' accessor (events are immutable).");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Codes_are_strings_and_amounts_are_decimals(string eventName)
    {
        var problems = new List<string>();
        foreach (var (path, facts) in ContractShape.Flatten(ContractShape.Describe(ContractCatalog.Event(eventName))))
        {
            // Other agencies' consumers must not need our enums: codes travel as documented strings.
            if (facts.Type.Contains("enum", StringComparison.Ordinal))
                problems.Add($"{path} is an enum; make it a string and document its values.");
            if (facts.Type.Contains("number/double", StringComparison.Ordinal))
                problems.Add($"{path} is a double; amounts are decimal.");
            if (facts.Type.Contains("date-time-without-offset", StringComparison.Ordinal))
                problems.Add($"{path} is a DateTime; use DateTimeOffset (an instant) or DateOnly (a date).");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    [GeneratedRegex(":v[1-9][0-9]*$")]
    private static partial Regex VersionSuffix();
}
