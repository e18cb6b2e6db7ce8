using Microsoft.Extensions.Localization;

namespace UnionPlatform.Portal.Localization;

public static class NamedCodes
{
    /// <summary>The text for a service's code ("Industry.Retail" → 零售业), or the code itself when the portal has no text for it.</summary>
    public static string NameOf(this IStringLocalizer l, string prefix, string code) =>
        l[$"{prefix}.{code}"] is { ResourceNotFound: false } text ? text.Value : code;
}
