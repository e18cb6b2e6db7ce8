using UnionPlatform.Testing.PlatformHost;

namespace UnionPlatform.EndToEnd.Tests.Support;

/// <summary>
/// Every end-to-end test class joins this collection: they share one running platform (a start costs ~40 s here)
/// and run one after another, never two platforms at once on a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<Platform>
{
    public const string Name = "Platform";
}
