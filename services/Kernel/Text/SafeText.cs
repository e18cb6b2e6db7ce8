using System.Text;

namespace UnionPlatform.Kernel.Text;

/// <summary>
/// Text a person could have meant. PostgreSQL refuses NUL in text, and other control characters or a lone
/// surrogate (which cannot be encoded as UTF-8) only ever come from corrupted input: refuse them at the edge,
/// where the field can still be named, rather than as a 500 from the database. Tab, CR and LF stay allowed.
/// </summary>
public static class SafeText
{
    public const string Message = "Control characters and unpaired surrogates are not allowed.";

    public static bool IsSafe(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < ' ' ? c is not ('\t' or '\n' or '\r') : c is >= '\u007f' and <= '\u009f') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }
}
