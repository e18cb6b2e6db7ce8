using UnionPlatform.Testing.PlatformHost;

namespace UnionPlatform.Portal.Tests.Support;

/// <summary>Every browser test shares one running platform and one browser, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<Platform>, ICollectionFixture<Browser>
{
    public const string Name = "Portal";
}
