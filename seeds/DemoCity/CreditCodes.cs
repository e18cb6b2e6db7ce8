using UnionPlatform.Kernel.Identifiers;

namespace UnionPlatform.Seeds;

/// <summary>
/// Issues unified social credit codes: registration authority and type ("91" for a company registered with market
/// regulation, "12" for a public institution), the district's area code, a 9-character organisation code, and the
/// check character from <see cref="SocialCreditCode"/>. Older organisations keep their numeric pre-2015 codes, newer
/// companies have the "MA" codes issued since; each series is a keyed permutation of a counter, so no two collide.
/// </summary>
/// <remarks>The organisation code's own GB 11714 check character is random here, not computed.</remarks>
internal sealed class CreditCodes(int seed)
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // the characters a credit code may use
    private const uint NumericDomain = 100_000_000;                   // 8 digits
    private const uint LetterDomain = 31 * 31 * 31 * 31 * 31 * 31;    // 6 characters after "MA"

    private readonly uint _key = (uint)Prng.Mix((ulong)(uint)seed ^ 0xC0DE);
    private uint _numeric, _letter;

    public string Next(string areaCode, bool publicBody, bool registeredSince2015, ref Prng rng)
    {
        Span<char> code = stackalloc char[17];
        code[0] = publicBody ? '1' : '9';
        code[1] = publicBody ? '2' : '1';
        areaCode.AsSpan().CopyTo(code[2..]);
        var body = code[8..];
        if (publicBody || !registeredSince2015)
        {
            var n = Permutation.Apply(_numeric++, NumericDomain, _key);
            for (var i = 7; i >= 0; i--, n /= 10) body[i] = (char)('0' + n % 10);
            body[8] = rng.Chance(1 / 11.0) ? 'X' : (char)('0' + rng.Next(10));
        }
        else
        {
            var n = Permutation.Apply(_letter++, LetterDomain, ~_key);
            body[0] = 'M'; body[1] = 'A';
            for (var i = 7; i >= 2; i--, n /= 31) body[i] = Alphabet[(int)(n % 31)];
            body[8] = Alphabet[rng.Next(Alphabet.Length)];
        }
        return SocialCreditCode.Create(new string(code));
    }
}
