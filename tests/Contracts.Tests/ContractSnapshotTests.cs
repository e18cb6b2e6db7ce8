using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace UnionPlatform.Contracts.Tests;

/// <summary>
/// Every integration event's JSON shape is compared with a snapshot committed under Snapshots/, one file per
/// event named "&lt;Namespace&gt;.&lt;Type&gt;.json". Other agencies subscribe to these events, so a removed,
/// renamed or retyped property, or a changed URN, must fail here rather than in a subscriber.
///
/// To accept a deliberate change (a new event, or a new optional nullable property), regenerate the snapshots and
/// commit them with the change:
///
///     UPDATE_CONTRACT_SNAPSHOTS=1 dotnet test tests/Contracts.Tests
///
/// With that variable set the tests rewrite the files in the source folder (and delete the snapshots of events
/// that no longer exist) instead of comparing. A breaking change should instead be a new event with a new
/// ":v2" URN, published alongside the old one until its subscribers have moved.
/// </summary>
public sealed class ContractSnapshotTests
{
    private static readonly bool Updating =
        Environment.GetEnvironmentVariable("UPDATE_CONTRACT_SNAPSHOTS") == "1";

    /// <summary>The Snapshots folder of this project's sources, baked in by the .csproj at build time.</summary>
    private static readonly string SnapshotsDirectory =
        typeof(ContractSnapshotTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ContractSnapshotsDirectory").Value!;

    public static TheoryData<string> Events() => ContractCatalog.EventNames();

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_json_shape_matches_its_committed_snapshot(string eventName)
    {
        var type = ContractCatalog.Event(eventName);
        var actual = ContractShape.Describe(type);
        var path = SnapshotPath(type);

        if (Updating)
        {
            Directory.CreateDirectory(SnapshotsDirectory);
            File.WriteAllText(path, ContractShape.ToSnapshotText(actual));
            return;
        }

        Assert.True(Directory.Exists(SnapshotsDirectory),
            $"The snapshots folder {SnapshotsDirectory} does not exist; the test must run from a build of the sources.");
        if (!File.Exists(path))
            Assert.Fail($"{eventName} has no committed contract snapshot ({path}). A new event is a new contract: " +
                        "create its snapshot deliberately with UPDATE_CONTRACT_SNAPSHOTS=1 dotnet test tests/Contracts.Tests, " +
                        "review it and commit it.");

        var committed = JsonNode.Parse(File.ReadAllText(path));
        if (JsonNode.DeepEquals(committed, actual)) return;

        Assert.Fail(Difference(eventName, path, committed, actual));
    }

    [Fact]
    public void Every_committed_snapshot_belongs_to_an_existing_event()
    {
        var expected = ContractCatalog.Events.Select(SnapshotPath).ToHashSet(StringComparer.Ordinal);
        var orphans = Directory.Exists(SnapshotsDirectory)
            ? Directory.GetFiles(SnapshotsDirectory, "*.json").Where(f => !expected.Contains(f)).Order().ToList()
            : [];

        if (Updating)
        {
            foreach (var orphan in orphans) File.Delete(orphan);
            return;
        }

        Assert.True(orphans.Count == 0,
            "These snapshots belong to events that no longer exist (removed or renamed), which breaks their " +
            "subscribers:\n  " + string.Join("\n  ", orphans.Select(Path.GetFileName)) +
            "\nKeep publishing the old event until no subscriber needs it; delete its snapshot only then.");
    }

    private static string SnapshotPath(Type type) => Path.Combine(SnapshotsDirectory, type.FullName + ".json");

    private static string Difference(string eventName, string path, JsonNode? committed, JsonNode actual)
    {
        var message = new StringBuilder($"The contract of {eventName} differs from its committed snapshot {path}:\n");
        var breaking = false;

        var committedUrn = (string?)committed?["messageUrn"];
        var actualUrn = (string?)actual["messageUrn"];
        if (committedUrn != actualUrn)
        {
            breaking = true;
            message.Append($"  BREAKING: message URN changed from '{committedUrn}' to '{actualUrn}' (subscribers bind to it).\n");
        }

        var before = ContractShape.Flatten(committed);
        var after = ContractShape.Flatten(actual);
        foreach (var (name, facts) in before.Where(p => !after.ContainsKey(p.Key)))
        {
            breaking = true;
            message.Append($"  BREAKING: property '{name}' ({facts}) was removed or renamed.\n");
        }
        foreach (var (name, facts) in before.Where(p => after.TryGetValue(p.Key, out var now) && now != p.Value))
        {
            breaking = true;
            message.Append($"  BREAKING: property '{name}' changed from ({facts}) to ({after[name]}).\n");
        }
        foreach (var (name, facts) in after.Where(p => !before.ContainsKey(p.Key)))
        {
            var additive = !facts.Required && facts.Nullable;
            breaking |= !additive;
            message.Append(additive
                ? $"  added: property '{name}' ({facts}).\n"
                : $"  BREAKING: property '{name}' ({facts}) was added; older publishers do not send it, so a new " +
                  "property must be optional and nullable.\n");
        }
        if (committedUrn == actualUrn && before.SequenceEqual(after))
            message.Append("  (the snapshot differs in a way not named above, e.g. its event name or a hand edit)\n");

        message.Append(breaking
            ? "Do not change a published contract in place: publish a new event with a ':v2' URN alongside it instead."
            : "If this addition is deliberate, regenerate the snapshots with " +
              "UPDATE_CONTRACT_SNAPSHOTS=1 dotnet test tests/Contracts.Tests and commit them.");
        return message.ToString();
    }
}
