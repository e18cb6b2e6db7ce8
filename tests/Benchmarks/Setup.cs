using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Domain;
using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Benchmarks;

/// <summary>Test data: unique valid people, and the organisations a member needs, built through the API as a client would.</summary>
public static class Setup
{
    public const string District = "bench";
    private static long _people;
    private static int _enterprises;
    private static readonly string[] Names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A national ID no other call in this process returns: 1,000 per birth date, dates from 1950 on.</summary>
    public static string NewNationalId()
    {
        var n = Interlocked.Increment(ref _people);
        return NationalId.Create("110101", new DateOnly(1950, 1, 1).AddDays((int)(n / 1000 % 20_000)), (int)(n % 1000));
    }

    public static string Name(long i) => Names[i % Names.Length];
    public static string Phone(long i) => $"138{i % 100_000_000:D8}";

    /// <summary>The city and district federations, once per database; returns the district's.</summary>
    public static async Task<Guid> DistrictAsync(HttpClient admin)
    {
        var city = await ApprovedAsync(admin, new ProposeOrganisation("市总工会", OrganisationKind.City, null, "city", 5));
        return await ApprovedAsync(admin, new ProposeOrganisation("测试区总工会", OrganisationKind.District, city, District, 5));
    }

    /// <summary>An enterprise and its approved grassroots union (which admits members) in the district.</summary>
    public static async Task<(Guid UnionId, Guid EnterpriseId)> UnionAsync(HttpClient admin, Guid district)
    {
        var n = Interlocked.Increment(ref _enterprises);
        var enterprise = await Read<EnterpriseView>(await admin.PostAsJsonAsync("/api/enterprises",
            new RegisterEnterprise(SocialCreditCode.Create($"91110101MA{n:D7}"), $"基准测试企业{n}有限公司", District, "Manufacturing", 100_000), Json));
        var union = await ApprovedAsync(admin, new ProposeOrganisation($"基准测试企业{n}工会", OrganisationKind.Grassroots, district, District, 3), [enterprise.Id]);
        return (union, enterprise.Id);
    }

    private static async Task<Guid> ApprovedAsync(HttpClient admin, ProposeOrganisation proposal, IReadOnlyList<Guid>? enterprises = null)
    {
        var created = await Read<OrganisationView>(await admin.PostAsJsonAsync("/api/organisations", proposal, Json));
        await Read<OrganisationView>(await admin.PostAsJsonAsync($"/api/organisations/{created.Id}/approve", new ApproveOrganisation(enterprises), Json));
        return created.Id;
    }

    public static async Task<T> Read<T>(HttpResponseMessage response)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: " +
                    $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<T>(Json))!;
        }
    }

    /// <summary>A roster of fresh people (nationalId,name,phone), and the same rows as values for the raw COPY baseline.</summary>
    public static (byte[] Csv, List<(string NationalId, string Name, string Phone)> Rows) Roster(int rows)
    {
        var list = new List<(string, string, string)>(rows);
        var csv = new StringBuilder(rows * 48).Append("nationalId,name,phone\n");
        for (var i = 0; i < rows; i++)
        {
            var row = (NewNationalId(), Name(i), Phone(i));
            list.Add(row);
            csv.Append(row.Item1).Append(',').Append(row.Item2).Append(',').Append(row.Item3).Append('\n');
        }
        return (Encoding.UTF8.GetBytes(csv.ToString()), list);
    }
}
