namespace UnionPlatform.Seeds.Tests;

public sealed class ChineseNumeralsTests
{
    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(99, "九十九")]
    [InlineData(100, "100")]
    public void Ordinals_read_as_in_names(int n, string expected) => Assert.Equal(expected, ChineseNumerals.Format(n));
}
