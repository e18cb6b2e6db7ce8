namespace UnionPlatform.Seeds;

/// <summary>
/// Registered names, unique across the city as registration requires: 江州 + a two-character trade name (字号) +
/// the business + the company form, e.g. 江州恒达建设工程有限公司; public bodies are numbered the way cities number
/// them, e.g. 江州市鼓楼区第二人民医院, 太平县第三中学.
/// </summary>
internal sealed class EnterpriseNames
{
    private const string TradeNameCharacters =
        "华盛恒达鑫兴宏瑞泰丰源信诚德隆祥安嘉汇通宇新创佳明远博永顺和正天金鸿骏凯晟昌海润锦耀辉腾鼎益富荣星峰" +
        "立豪中力美联合众万广弘亿奥科伟宝协光大江湘赣平舜楚龙翔航禾田森茂誉晨晖";

    private readonly HashSet<string> _used = [];
    private readonly Dictionary<(string District, string Kind), int> _publicCounts = [];

    public string Firm(District district, Industry industry, int headcount, ref Prng rng)
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var prefix = district.FirmPrefix == Geography.CityShortName && rng.Chance(0.3) ? Geography.CityName : district.FirmPrefix;
            var tradeName = TradeName(ref rng, attempt < 50 ? 2 : 3); // three characters once two-character names run thin
            var form = headcount >= 300 && rng.Chance(0.5) ? "股份有限公司" : rng.Chance(0.1) ? "有限责任公司" : "有限公司";
            var name = prefix + tradeName + rng.Pick(industry.Trades) + form;
            if (_used.Add(name)) return name;
        }
        throw new InvalidOperationException("Ran out of distinct enterprise names.");
    }

    /// <summary>The next public body of that kind in the district, or null when the district has enough of them.</summary>
    public string? PublicBody(District district, string kind)
    {
        var n = _publicCounts.GetValueOrDefault((district.Id, kind)) + 1;
        string? name = kind switch
        {
            "社区卫生服务中心" when n <= district.Towns.Length => district.TownWord == "镇"
                ? $"{district.PublicPrefix}{district.Towns[n - 1]}镇卫生院"
                : $"{district.PublicPrefix}{district.Towns[n - 1]}街道社区卫生服务中心",
            "中学" or "小学" when n <= 30 => $"{district.PublicPrefix}第{ChineseNumerals.Format(n)}{kind}",
            "人民医院" or "中医院" or "职业技术学校" when n <= 3 =>
                n == 1 ? district.PublicPrefix + kind : $"{district.PublicPrefix}第{ChineseNumerals.Format(n)}{kind}",
            "妇幼保健院" when n == 1 => district.PublicPrefix + kind,
            _ => null,
        };
        if (name is null || !_used.Add(name)) return null;
        _publicCounts[(district.Id, kind)] = n;
        return name;
    }

    private static string TradeName(ref Prng rng, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            char c;
            do c = TradeNameCharacters[rng.Next(TradeNameCharacters.Length)]; while (chars[..i].Contains(c));
            chars[i] = c;
        }
        return new string(chars);
    }
}
