namespace UnionPlatform.Seeds;

/// <summary>An industry as the generator sees it: how common, how big, who works there, and what firms are called.</summary>
internal sealed record Industry(
    string Id,
    double Share,          // relative number of enterprises city-wide, before district bias
    double SizeFactor,     // scales the city's headcount distribution for firms (utilities run large)
    double FemaleShare,
    double MigrantFactor,  // multiplies the district's share of workers from elsewhere
    double HardshipFactor, // multiplies the base rate of hardship files
    string[] Trades,       // the business words in a registered name, e.g. 机械制造
    PublicBody[] PublicBodies) // hospitals and schools: they register with "12" codes and have staff tables, not a tail
{
    public static readonly Industry Manufacturing = new("Manufacturing", 18, 1.6, 0.42, 1.5, 1.3,
        ["机械制造", "电子科技", "精密机械", "汽车零部件", "纺织", "服装", "食品", "化工", "新材料", "五金制品", "塑胶制品",
         "光电科技", "家具", "包装材料", "电气设备", "医药", "陶瓷", "建材"], []);
    public static readonly Industry Construction = new("Construction", 10, 1.4, 0.15, 1.7, 1.2,
        ["建设工程", "建筑工程", "建筑安装工程", "装饰工程", "市政工程", "路桥工程", "园林绿化工程", "水利水电工程"], []);
    public static readonly Industry Retail = new("Retail", 22, 0.7, 0.62, 1.0, 1.1,
        ["商贸", "超市", "百货", "便利店", "电器", "医药连锁", "服饰", "家居建材", "汽车销售服务"], []);
    public static readonly Industry Logistics = new("Logistics", 8, 1.1, 0.25, 1.3, 1.1,
        ["物流", "供应链管理", "运输", "快递服务", "仓储服务", "冷链物流", "公共交通"], []);
    public static readonly Industry InformationTechnology = new("InformationTechnology", 8, 0.9, 0.33, 1.0, 0.4,
        ["信息技术", "软件", "网络科技", "数据科技", "智能科技", "电子商务", "通信技术"], []);
    public static readonly Industry Healthcare = new("Healthcare", 5, 1.0, 0.70, 0.5, 0.7,
        ["医疗器械", "养老服务", "健康管理", "大药房", "口腔门诊部"], [new("人民医院", 300, 1_800), new("中医院", 150, 800), new("妇幼保健院", 150, 600), new("社区卫生服务中心", 20, 90)]);
    public static readonly Industry Education = new("Education", 5, 0.8, 0.68, 0.4, 0.6,
        ["教育科技", "职业培训学校", "文化传播", "托育服务"], [new("中学", 60, 260), new("小学", 30, 120), new("职业技术学校", 60, 300)]);
    public static readonly Industry Hospitality = new("Hospitality", 12, 0.8, 0.58, 1.3, 1.4,
        ["大酒店", "酒店管理", "餐饮管理", "宾馆", "旅游开发", "餐饮"], []);
    public static readonly Industry Finance = new("Finance", 3, 0.8, 0.55, 0.6, 0.3,
        ["小额贷款", "融资担保", "保险代理", "资产管理", "典当", "投资咨询"], []);
    public static readonly Industry PublicUtilities = new("PublicUtilities", 1, 3.0, 0.30, 0.3, 0.6,
        ["水务", "燃气", "供电服务", "环卫", "热力", "污水处理"], []);
    public static readonly Industry PropertyServices = new("PropertyServices", 8, 1.2, 0.45, 1.1, 1.3,
        ["物业管理", "保安服务", "家政服务", "清洁服务", "人力资源服务"], []);

    public static readonly Industry[] All =
    [
        Manufacturing, Construction, Retail, Logistics, InformationTechnology, Healthcare, Education, Hospitality,
        Finance, PublicUtilities, PropertyServices,
    ];
}

/// <summary>A kind of public institution (人民医院, 中学) and the size of its staff establishment.</summary>
internal sealed record PublicBody(string Kind, int MinStaff, int MaxStaff);
