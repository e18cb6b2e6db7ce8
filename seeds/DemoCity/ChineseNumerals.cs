using System.Globalization;

namespace UnionPlatform.Seeds;

/// <summary>Ordinals as names use them: 第一中学, 第十二联合工会.</summary>
internal static class ChineseNumerals
{
    private const string Digits = "零一二三四五六七八九";

    /// <summary>1-99 in Chinese numerals (一, 十, 十二, 二十三); larger numbers in Arabic digits, as names then use.</summary>
    public static string Format(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
        if (n > 99) return n.ToString(CultureInfo.InvariantCulture);
        if (n < 10) return Digits[n].ToString();
        var tens = n / 10 == 1 ? "十" : Digits[n / 10] + "十";
        return n % 10 == 0 ? tens : tens + Digits[n % 10];
    }
}
