using Microsoft.AspNetCore.WebUtilities;

namespace UnionPlatform.Portal.Clients;

public static class ApiQuery
{
    /// <summary>The path with the parameters that have a value, escaped.</summary>
    public static string Path(string path, params (string Name, string? Value)[] parameters) =>
        QueryHelpers.AddQueryString(path, parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));
}
