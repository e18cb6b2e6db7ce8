namespace UnionPlatform.Seeds;

/// <summary>
/// Chinese personal names: surnames weighted by their approximate share of the population (percent, in the order
/// of the published rankings), given names of one or two characters drawn by sex and by the decade of birth, since
/// 建国 and 子涵 belong to different generations.
/// </summary>
internal static class PersonNames
{
    private static readonly Weighted<string> Surnames = new(new (string, double)[]
    {
        ("王", 7.12), ("李", 7.00), ("张", 6.74), ("刘", 5.10), ("陈", 4.61), ("杨", 3.22), ("黄", 2.45), ("赵", 2.19),
        ("吴", 2.08), ("周", 2.00), ("徐", 1.45), ("孙", 1.38), ("马", 1.29), ("朱", 1.26), ("胡", 1.16), ("郭", 1.15),
        ("何", 1.05), ("林", 1.01), ("高", 1.00), ("罗", 0.95), ("郑", 0.87), ("梁", 0.83), ("谢", 0.72), ("宋", 0.62),
        ("唐", 0.62), ("许", 0.59), ("邓", 0.55), ("韩", 0.54), ("冯", 0.53), ("曹", 0.52), ("彭", 0.52), ("曾", 0.50),
        ("肖", 0.48), ("田", 0.46), ("董", 0.45), ("潘", 0.43), ("袁", 0.43), ("蔡", 0.40), ("蒋", 0.40), ("余", 0.39),
        ("于", 0.38), ("杜", 0.38), ("叶", 0.37), ("程", 0.36), ("魏", 0.35), ("苏", 0.35), ("吕", 0.35), ("丁", 0.34),
        ("任", 0.33), ("卢", 0.32), ("姚", 0.32), ("沈", 0.31), ("钟", 0.30), ("姜", 0.30), ("崔", 0.29), ("谭", 0.29),
        ("陆", 0.28), ("范", 0.27), ("汪", 0.27), ("廖", 0.26), ("石", 0.26), ("金", 0.25), ("韦", 0.25), ("贾", 0.24),
        ("夏", 0.24), ("付", 0.23), ("方", 0.23), ("邹", 0.22), ("熊", 0.22), ("白", 0.22), ("孟", 0.21), ("秦", 0.21),
        ("邱", 0.20), ("侯", 0.20), ("江", 0.20), ("尹", 0.19), ("薛", 0.19), ("闫", 0.19), ("段", 0.18), ("雷", 0.18),
        ("龙", 0.17), ("黎", 0.17), ("史", 0.17), ("陶", 0.16), ("贺", 0.16), ("毛", 0.15), ("郝", 0.15), ("顾", 0.15),
        ("龚", 0.14), ("邵", 0.14), ("万", 0.13), ("覃", 0.13), ("武", 0.13), ("钱", 0.12), ("戴", 0.12), ("严", 0.12),
        ("欧阳", 0.05), ("上官", 0.01), ("司马", 0.01), ("诸葛", 0.01),
    });

    // Characters in fashion for people born before 1975, 1975-1989, and from 1990.
    private static readonly string[][] Male =
    [
        ["建", "国", "军", "明", "华", "平", "强", "伟", "勇", "忠", "兵", "德", "志", "红", "卫", "东", "林", "春", "文", "海"],
        ["伟", "磊", "涛", "斌", "鹏", "刚", "超", "杰", "峰", "辉", "波", "健", "亮", "俊", "飞", "凯", "明", "宇", "鑫", "龙"],
        ["浩", "宇", "轩", "博", "文", "子", "睿", "泽", "晨", "阳", "航", "杰", "豪", "俊", "然", "铭", "帆", "凯", "昊", "鹏"],
    ];

    private static readonly string[][] Female =
    [
        ["秀", "英", "华", "玉", "兰", "芳", "珍", "凤", "红", "梅", "桂", "霞", "琴", "淑", "萍", "丽", "敏", "云", "莲", "菊"],
        ["丽", "静", "敏", "燕", "艳", "娟", "霞", "婷", "玲", "芳", "莉", "琳", "慧", "颖", "倩", "洁", "雪", "晶", "佳", "丹"],
        ["欣", "怡", "雨", "婷", "梓", "涵", "诗", "佳", "琪", "雪", "思", "悦", "可", "馨", "萱", "晴", "瑶", "璐", "楠", "月"],
    ];

    public static string Create(ref Prng rng, bool male, int birthYear)
    {
        var era = birthYear < 1975 ? 0 : birthYear < 1990 ? 1 : 2;
        var pool = male ? Male[era] : Female[era];
        var surname = Surnames.Pick(ref rng);
        // Single-character given names were common until the 1990s, then fell out of use.
        var single = rng.Chance(era == 2 ? 0.12 : 0.35);
        if (single) return surname + rng.Pick(pool);
        string first = rng.Pick(pool), second;
        do second = rng.Pick(pool); while (second == first && !rng.Chance(0.1)); // 婷婷 happens, but rarely
        return surname + first + second;
    }
}
