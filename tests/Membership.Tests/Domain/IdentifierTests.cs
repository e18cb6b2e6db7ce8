using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Membership.Tests.Domain;

public class IdentifierTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Theory]
    [InlineData("11010519491231002X")] // the standard's worked example
    [InlineData("440524198001010013")]
    public void A_national_id_with_the_right_check_digit_is_valid(string id) => Assert.Null(NationalId.Validate(id, Today));

    [Theory]
    [InlineData(null, "required")]
    [InlineData("1101051949123100", "18 characters")]
    [InlineData("11010519491231002A", "digit or X")]
    [InlineData("1101051949123A002X", "digits")]
    [InlineData("110105194913310028", "birth date")]
    [InlineData("110105203001010011", "plausible")]
    [InlineData("110105194912310021", "check digit")]
    public void An_invalid_national_id_says_why(string? id, string reason) =>
        Assert.Contains(reason, NationalId.Validate(id, Today), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public void A_lower_case_x_is_the_same_person_as_upper_case() =>
        Assert.Equal("11010519491231002X", NationalId.Normalise("11010519491231002x"));

    [Fact]
    public void Create_makes_ids_that_validate() =>
        Assert.True(NationalId.IsValid(NationalId.Create("320102", new DateOnly(1990, 5, 17), 123), Today));

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91320100716285881U")]
    public void A_credit_code_with_the_right_check_character_is_valid(string code) => Assert.Null(SocialCreditCode.Validate(code));

    [Theory]
    [InlineData("91350100M000100Y44", "check character")]
    [InlineData("91350100M000100Y4", "18 characters")]
    [InlineData("91350100M000100I43", "not allowed")]
    public void An_invalid_credit_code_says_why(string code, string reason) =>
        Assert.Contains(reason, SocialCreditCode.Validate(code), StringComparison.OrdinalIgnoreCase);
}
