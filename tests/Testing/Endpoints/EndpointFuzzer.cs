using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UnionPlatform.Testing.Endpoints;

/// <summary>
/// Sends garbage to every endpoint a service maps, generated from its metadata: junk in each route value and query
/// parameter, whole bodies that are not what was asked for, and each body field in turn replaced with a wrong type,
/// a null, a huge or control-character string, an out-of-range number. Whatever comes in, the answer is never a 5xx,
/// and every refusal is an RFC 7807 ProblemDetails.
/// </summary>
public static class EndpointFuzzer
{
    private static readonly string[] JunkQuery =
        ["", "x", "-1", "0", "99999999999999999999", "2147483648", "1e400", "%00", "\u0000", "\ud800", "2026-13-45", "not-a-guid", new string('长', 3000)];

    private static readonly string[] JunkBodies =
        ["", "null", "[]", "{", "\"text\"", "123", "true", new string('[', 200) + new string(']', 200), "{\"a\":" + new string('[', 70) + new string(']', 70) + "}",
         "{\"unknown\":1}", "\u0000", "{\"x\":\"\\ud800\"}"];

    private static readonly string[] JunkCsv =
        ["", "\u0000", "a,b,c", "nationalId,name,phone", "nationalId,name,phone\n\"unclosed,x,y", "nationalId,name,phone\n" + new string('x', 100_000) + ",,"];

    /// <summary>
    /// Fuzzes every endpoint; returns one line per bad answer (empty when all held). <paramref name="sample"/> gives a
    /// valid value for a body field by name (a fresh national ID, a real union id), so that each junk field is the only
    /// thing wrong with a body and the request gets past validation to the database; null leaves a generic value.
    /// </summary>
    public static async Task<List<string>> FuzzAsync(HttpClient client, IReadOnlyList<ApiEndpoint> endpoints, Func<ApiEndpoint, string, string> routeValue,
        Func<string, JsonNode?>? sample = null)
    {
        sample ??= _ => null;
        var failures = new List<string>();
        var sent = 0;
        foreach (var endpoint in endpoints)
            foreach (var (url, body) in Cases(endpoint, routeValue, sample))
            {
                sent++;
                using var response = await client.SendAsync(AccessMatrix.Request(endpoint, url, body));
                var status = (int)response.StatusCode;
                var media = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500 || (status >= 400 && media != "application/problem+json"))
                    failures.Add($"{endpoint.Method} {Shorten(url)} body {Shorten(body ?? "")} → {status} {media}");
            }
        if (sent < endpoints.Count) failures.Add($"only {sent} requests for {endpoints.Count} endpoints");
        return failures;
    }

    private static IEnumerable<(string Url, string? Body)> Cases(ApiEndpoint endpoint, Func<ApiEndpoint, string, string> routeValue,
        Func<string, JsonNode?> sample)
    {
        var url = AccessMatrix.Url(endpoint, routeValue);
        var hasBody = endpoint.Method is "POST" or "PUT" or "PATCH";
        var baseBody = hasBody && endpoint.BodyType is null or "application/json" ? Plausible(endpoint.BodyFields, sample).ToJsonString() : hasBody ? "" : null;
        yield return (url, baseBody);

        foreach (var parameter in endpoint.RouteParameters)
            foreach (var junk in new[] { "not-an-id", "00000000-0000-0000-0000-000000000000", "%20", new string('9', 40) }) // a NUL in a path never gets past the server
                yield return (url.Replace(Uri.EscapeDataString(routeValue(endpoint, parameter)), junk), baseBody);

        foreach (var query in endpoint.Query)
            foreach (var junk in JunkQuery)
                yield return ($"{url}?{query.Name}={Uri.EscapeDataString(junk)}", baseBody);

        if (!hasBody) yield break;
        if (endpoint.BodyType is "text/csv")
        {
            foreach (var csv in JunkCsv) yield return (url, csv);
            yield break;
        }
        foreach (var junk in JunkBodies) yield return (url, junk);
        foreach (var field in endpoint.BodyFields)
            foreach (var value in Junk(field))
            {
                var body = Plausible(endpoint.BodyFields, sample);
                body[field.Name] = value?.DeepClone();
                yield return (url, body.ToJsonString());
            }
    }

    // A body that looks right, so each junk field is the only thing wrong with it.
    private static JsonObject Plausible(IReadOnlyList<Field> fields, Func<string, JsonNode?> sample)
    {
        var body = new JsonObject();
        foreach (var field in fields) body[field.Name] = sample(field.Name) ?? PlausibleValue(field);
        return body;
    }

    private static JsonNode? PlausibleValue(Field field) => (field.Type, field.Format) switch
    {
        ("string", "uuid") => JsonValue.Create(Guid.NewGuid()),
        ("string", "date") => JsonValue.Create(DateTime.UtcNow.ToString("yyyy-MM-dd")),
        ("string", "date-time") => JsonValue.Create(DateTime.UtcNow.ToString("O")),
        ("string", _) => JsonValue.Create("测试"),
        ("integer", _) => JsonValue.Create(1),
        ("number", _) => JsonValue.Create(1.5m),
        ("boolean", _) => JsonValue.Create(true),
        ("array", _) => new JsonArray(),
        _ => new JsonObject(),
    };

    private static IEnumerable<JsonNode?> Junk(Field field)
    {
        yield return null;
        yield return JsonValue.Create(new string('长', 20_000));
        yield return JsonValue.Create("a\u0000b\u0007");
        yield return JsonValue.Create("");
        yield return JsonValue.Create("  ");
        yield return JsonValue.Create(-1);
        yield return JsonValue.Create(long.MaxValue);
        yield return JsonValue.Create(-79228162514264337593543950335m);
        yield return JsonValue.Create(true);
        yield return new JsonArray(1, 2, 3);
        yield return new JsonObject { ["nested"] = new JsonObject() };
        yield return JsonValue.Create("not-a-guid");
        yield return JsonValue.Create("2026-02-30");
        yield return JsonValue.Create("9999-12-31");
        yield return JsonValue.Create("0001-01-01");
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + $"…({text.Length})" : text;
}
