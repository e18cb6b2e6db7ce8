namespace UnionPlatform.Seeds;

/// <summary>
/// 江州市, a fictional prefecture-level city of about 4.9 million people. Its area codes sit under 3612, a prefecture
/// number Jiangxi (36) does not use, so local national IDs and credit codes cannot belong to real people or firms.
/// Development zones carry statistical codes 71/72; they register firms but not births, so people working there
/// were born under a neighbouring district's code (<see cref="District.BirthDistrictId"/>).
/// </summary>
internal static class Geography
{
    public const string CityName = "江州市";
    public const string CityShortName = "江州";
    public static readonly DateOnly CityFederationEstablished = new(1950, 9, 28);

    public static readonly District[] Districts =
    [
        new("gulou", "鼓楼区", "361202", 682_000, "江州市鼓楼区总工会", new(1952, 3, 15), 0.13, 0.74, 1.0, 0.25,
            "街道", ["东街", "南街", "鼓西", "华大", "水部", "温泉", "五凤", "安泰"],
            new() { ["Retail"] = 1.4, ["Hospitality"] = 1.4, ["Finance"] = 2.0, ["Healthcare"] = 1.5, ["Manufacturing"] = 0.3 }),
        new("jiangbei", "江北区", "361203", 596_000, "江州市江北区总工会", new(1956, 8, 1), 0.11, 0.70, 1.0, 0.28,
            "街道", ["江北城", "观音桥", "五里店", "华新", "寸滩", "石马河", "大石坝"],
            new() { ["Logistics"] = 1.6, ["Construction"] = 1.3, ["Manufacturing"] = 0.7 }),
        new("xincheng", "新城区", "361204", 528_000, "江州市新城区总工会", new(1984, 10, 12), 0.12, 0.72, 1.0, 0.27,
            "街道", ["新城", "长乐", "翠微", "明珠", "锦绣", "滨湖"],
            new() { ["InformationTechnology"] = 1.6, ["Finance"] = 1.8, ["PropertyServices"] = 1.5, ["Manufacturing"] = 0.4 }),
        new("chengnan", "城南区", "361205", 463_000, "江州市城南区总工会", new(1958, 5, 1), 0.10, 0.71, 1.1, 0.30,
            "街道", ["南湖", "铁路", "机床", "纺织", "东坡", "白沙"],
            new() { ["Manufacturing"] = 1.7, ["Logistics"] = 1.3 }),
        new("qingshan", "青山区", "361211", 389_000, "江州市青山区总工会", new(1993, 12, 20), 0.08, 0.63, 1.0, 0.22,
            "街道", ["青山", "龙门", "石桥", "梅岭", "桃源", "河口"],
            new() { ["Manufacturing"] = 1.4, ["Construction"] = 1.5 }),
        new("gaoxin", "江州高新技术产业开发区", "361271", 265_000, "江州高新区总工会", new(1993, 6, 18), 0.09, 0.80, 1.2, 0.40,
            "街道", ["创新", "科技城", "光电园", "金湖"],
            new() { ["InformationTechnology"] = 3.5, ["Manufacturing"] = 1.3, ["Retail"] = 0.5, ["Hospitality"] = 0.5 },
            BirthDistrictId: "xincheng"),
        new("jingkai", "江州经济技术开发区", "361272", 238_000, "江州经开区总工会", new(2007, 9, 26), 0.08, 0.82, 1.4, 0.50,
            "街道", ["港口", "临港", "综保", "白鹭"],
            new() { ["Manufacturing"] = 2.6, ["Logistics"] = 2.2, ["Retail"] = 0.4, ["Hospitality"] = 0.4 },
            BirthDistrictId: "chengnan"),
        new("linjiang", "临江市", "361281", 812_000, "临江市总工会", new(1956, 11, 8), 0.12, 0.60, 0.9, 0.14,
            "镇", ["城关", "江口", "黄土岭", "大桥", "石门", "新塘", "柳溪"],
            new() { ["Manufacturing"] = 1.3, ["Construction"] = 1.3, ["Finance"] = 0.5 }),
        new("taiping", "太平县", "361221", 547_000, "太平县总工会", new(1956, 4, 25), 0.09, 0.56, 0.85, 0.10,
            "镇", ["太平", "双溪", "竹坪", "马鞍", "清河", "高桥"],
            new() { ["Construction"] = 1.4, ["InformationTechnology"] = 0.3, ["Finance"] = 0.4 }),
        new("yunxi", "云溪县", "361222", 376_000, "云溪县总工会", new(1957, 2, 10), 0.06, 0.52, 0.8, 0.08,
            "镇", ["云溪", "白云", "板桥", "古楼", "茶园", "上坪"],
            new() { ["Hospitality"] = 2.2, ["InformationTechnology"] = 0.2, ["Finance"] = 0.4 }),
    ];

    /// <summary>Where migrant workers come from: neighbouring prefectures and the big labour-exporting provinces.</summary>
    /// <remarks>Real province prefixes with prefecture numbers outside those in use, to keep clear of real people.</remarks>
    public static readonly (string AreaCode, double Weight)[] MigrantOrigins =
    [
        ("361302", 14), ("361321", 10), ("361402", 9), ("361424", 8), // neighbouring (equally fictional) prefectures
        ("431802", 8), ("431821", 6),                                 // Hunan
        ("411802", 9), ("411822", 7),                                 // Henan
        ("341902", 6), ("341923", 5),                                 // Anhui
        ("521002", 5), ("521023", 4),                                 // Guizhou
        ("451502", 4), ("451521", 3),                                 // Guangxi
    ];

    /// <summary>The area codes the city's own people were born under (districts and counties, not zones).</summary>
    public static IEnumerable<string> BirthAreaCodes => Districts.Where(d => d.BirthDistrictId is null).Select(d => d.AreaCode);
}

/// <summary>A district with what the generator needs beyond the public <see cref="SeedDistrict"/>.</summary>
internal sealed record District(
    string Id, string Name, string AreaCode, int Population,
    string FederationName, DateOnly FederationEstablished,
    double EnterpriseShare,       // share of the city's enterprises registered here
    double SmallFirmUnionRate,    // chance that a firm under 25 staff is covered (larger firms are covered more often)
    double SizeFactor,            // zones attract bigger plants, counties have smaller firms
    double MigrantShare,          // share of workers born outside the city, before the industry factor
    string TownWord,              // 街道 in urban districts, 镇 in counties
    string[] Towns,
    Dictionary<string, double> IndustryBias,
    string? BirthDistrictId = null)
{
    public SeedDistrict ToSeed() => new(Id, Name, AreaCode, Population);

    /// <summary>Prefix of a registered firm name: the city for urban districts, the county or county-level city otherwise.</summary>
    public string FirmPrefix => TownWord == "镇" ? Name : Geography.CityShortName;

    /// <summary>How public bodies (hospitals, schools) are prefixed: 江州市鼓楼区, 临江市, 江州高新区.</summary>
    public string PublicPrefix => TownWord == "镇" ? Name : BirthDistrictId is null ? Geography.CityName + Name : FederationName[..^3];
}
