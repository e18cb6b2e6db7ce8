using System.Net;
using System.Net.Http.Json;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Membership.Tests.Support;

/// <summary>Builds a small union world through the API: a city, districts, enterprises, grassroots unions, members.</summary>
public sealed class World(HttpClient admin)
{
    private static int _sequence;

    public Guid CityId { get; private set; }
    public Dictionary<string, Guid> Districts { get; } = [];

    public static async Task<World> CreateAsync(HttpClient admin, params string[] districts)
    {
        var world = new World(admin);
        world.CityId = await world.ApprovedAsync(new ProposeOrganisation("市总工会", OrganisationKind.City, null, "city", 5));
        foreach (var district in districts)
            world.Districts[district] = await world.ApprovedAsync(new ProposeOrganisation($"{district}区总工会", OrganisationKind.District, world.CityId, district, 5));
        return world;
    }

    public async Task<Guid> ApprovedAsync(ProposeOrganisation proposal, IReadOnlyList<Guid>? enterprises = null)
    {
        var created = await Read<OrganisationView>(await admin.PostAsJsonAsync("/api/organisations", proposal));
        await Read<OrganisationView>(await admin.PostAsJsonAsync($"/api/organisations/{created.Id}/approve", new ApproveOrganisation(enterprises)));
        return created.Id;
    }

    public async Task<EnterpriseView> EnterpriseAsync(string district, int headcount = 100)
    {
        var n = Interlocked.Increment(ref _sequence);
        var code = SocialCreditCode.Create($"91320102MA{n:D7}");
        return await Read<EnterpriseView>(await admin.PostAsJsonAsync("/api/enterprises",
            new RegisterEnterprise(code, $"测试企业{n}有限公司", district, "Manufacturing", headcount)));
    }

    /// <summary>An enterprise with its approved grassroots union.</summary>
    public async Task<(Guid UnionId, Guid EnterpriseId)> UnionAsync(string district, int headcount = 100)
    {
        var enterprise = await EnterpriseAsync(district, headcount);
        var union = await ApprovedAsync(new ProposeOrganisation($"{enterprise.Name}工会", OrganisationKind.Grassroots, Districts[district], district, 3), [enterprise.Id]);
        return (union, enterprise.Id);
    }

    public static string NewNationalId()
    {
        var n = Interlocked.Increment(ref _sequence);
        return NationalId.Create("320102", new DateOnly(1980, 1, 1).AddDays(n % 9000), n % 1000);
    }

    public async Task<MemberView> ActiveMemberAsync(Guid unionId, Guid? enterpriseId = null, string? nationalId = null)
    {
        var applied = await Read<MemberView>(await admin.PostAsJsonAsync("/api/members",
            new ApplyForMembership(nationalId ?? NewNationalId(), "张伟", "13800138000", unionId, enterpriseId)));
        return await Read<MemberView>(await admin.PostAsync($"/api/members/{applied.Id}/approve", null));
    }

    public static Task<T> Read<T>(HttpResponseMessage response) => UnionPlatform.Testing.Answers.Read<T>(response);

    public static readonly System.Text.Json.JsonSerializerOptions Json = UnionPlatform.Testing.Answers.Json;
}
