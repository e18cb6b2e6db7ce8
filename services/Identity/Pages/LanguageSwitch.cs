using Microsoft.Extensions.Primitives;

namespace UnionPlatform.Identity.Pages;

/// <summary>The current page's query (its return URL above all) with the culture switched.</summary>
public static class LanguageSwitch
{
    public static QueryString Query(IQueryCollection query, string culture) => QueryString.Create(
        query.Where(p => p.Key is not ("culture" or "ui-culture")).Append(new KeyValuePair<string, StringValues>("culture", culture)));
}
