using System.Text.RegularExpressions;
using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Seeds.Tests;

[Collection(DemoCityCollection.Name)]
public sealed partial class IdentifierTests(DemoCityFixture city)
{
    [Fact]
    public void Every_national_id_is_valid_and_unique()
    {
        Assert.All(city.Members, m => Assert.True(NationalId.IsValid(m.NationalId, city.Today), m.NationalId));
        Assert.Equal(city.Members.Count, city.Members.Select(m => m.NationalId).Distinct().Count());
    }

    [Fact]
    public void Members_are_of_working_age_when_they_join()
    {
        Assert.All(city.Members, m =>
        {
            var born = NationalId.BirthDate(m.NationalId)!.Value;
            Assert.InRange(born, city.Today.AddYears(-66), city.Today.AddYears(-18));
            Assert.True(m.JoinedOn >= born.AddYears(18), $"{m.NationalId} joined on {m.JoinedOn}");
        });
    }

    [Fact]
    public void Local_members_carry_the_citys_area_codes_and_migrants_another_one()
    {
        var local = city.Members.Count(m => m.NationalId.StartsWith("3612", StringComparison.Ordinal));
        Assert.InRange(local / (double)city.Members.Count, 0.6, 0.9);
    }

    [Fact]
    public void Every_credit_code_is_valid_unique_and_registered_in_its_district()
    {
        var areaCodes = city.City.Districts.ToDictionary(d => d.Id, d => d.AreaCode);
        Assert.All(city.City.Enterprises, e =>
        {
            Assert.True(SocialCreditCode.IsValid(e.CreditCode), e.CreditCode);
            Assert.Equal(areaCodes[e.DistrictId], e.CreditCode[2..8]);
        });
        Assert.Equal(city.City.Enterprises.Count, city.City.Enterprises.Select(e => e.CreditCode).Distinct().Count());
    }

    [Fact]
    public void Phone_numbers_are_mainland_mobile_numbers_and_unique()
    {
        Assert.All(city.Members, m => Assert.Matches(MobileNumber(), m.Phone));
        Assert.Equal(city.Members.Count, city.Members.Select(m => m.Phone).Distinct().Count());
    }

    [Fact]
    public void Ids_are_unique_across_every_kind_of_record()
    {
        var ids = city.City.Organisations.Select(o => o.Id)
            .Concat(city.City.Enterprises.Select(e => e.Id))
            .Concat(city.Members.Select(m => m.Id))
            .Concat(city.HardshipFiles.Select(f => f.Id))
            .ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, ids);
    }

    [Fact]
    public void Names_are_chinese_names_of_two_to_four_characters()
    {
        Assert.All(city.Members, m => Assert.Matches(ChineseName(), m.Name));
        Assert.True(city.Members.Select(m => m.Name).Distinct().Count() > city.Members.Count / 10, "names should vary");
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileNumber();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}{2,4}$")]
    private static partial Regex ChineseName();
}
