using UnionPlatform.Testing;
using UnionPlatform.Testing.Endpoints;

namespace UnionPlatform.Membership.Tests.Support;

/// <summary>
/// Records of gulou for the generated checks (a union, its enterprise, an active member, and a member elsewhere so
/// lists have something to hide), and the route value each endpoint's parameters take from them.
/// </summary>
public sealed record GulouRecords(Guid Union, Guid Enterprise, Func<ApiEndpoint, string, string> RouteValue)
{
    public static async Task<GulouRecords> CreateAsync(HttpClient admin)
    {
        var world = await World.CreateAsync(admin, RoleMatrix.RecordDistrict, RoleMatrix.OtherDistrict);
        var (union, enterprise) = await world.UnionAsync(RoleMatrix.RecordDistrict);
        var member = await world.ActiveMemberAsync(union);
        var (elsewhere, _) = await world.UnionAsync(RoleMatrix.OtherDistrict);
        await world.ActiveMemberAsync(elsewhere);
        return new GulouRecords(union, enterprise, (endpoint, parameter) => (endpoint.Route, parameter) switch
        {
            (var route, "id") when route.StartsWith("/api/members", StringComparison.Ordinal) => member.Id.ToString(),
            (var route, "id") when route.StartsWith("/api/organisations", StringComparison.Ordinal) => union.ToString(),
            (var route, "id") when route.StartsWith("/api/enterprises", StringComparison.Ordinal) => enterprise.ToString(),
            (_, "unionId") => union.ToString(),
            (_, "queue") => "membership-member-joined-coverage",
            _ => throw new InvalidOperationException($"No {RoleMatrix.RecordDistrict} record for {{{parameter}}} in {endpoint}: add one in {nameof(GulouRecords)}."),
        });
    }
}
