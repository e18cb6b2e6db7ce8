using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Testing.Endpoints;

/// <summary>Who an endpoint is for, read from its authorization metadata.</summary>
public enum Access { Anonymous, Read, Write, CityAdmin }

/// <summary>A query parameter or body property, with its OpenAPI type ("string", "integer", "boolean", "array", ...).</summary>
public sealed record Field(string Name, string Type, string? Format);

/// <summary>One endpoint of a service as the tests see it: route, access, and what it takes.</summary>
public sealed record ApiEndpoint(string Method, string Route, Access Access, IReadOnlyList<string> RouteParameters,
    IReadOnlyList<Field> Query, string? BodyType, IReadOnlyList<Field> BodyFields)
{
    public bool IsList => Method == "GET" && RouteParameters.Count == 0;
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// Every endpoint of a running service, from its own metadata: the route table (methods, access policies) joined
/// with its OpenAPI document (parameters, body schema). New endpoints are covered by the generated tests the day
/// they are mapped, without anyone listing them.
/// </summary>
public static class EndpointCatalog
{
    private static readonly string[] Infrastructure = ["/health", "/alive", "/openapi", "/scalar"];

    public static async Task<IReadOnlyList<ApiEndpoint>> DiscoverAsync(IServiceProvider services, HttpClient admin)
    {
        var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json")).RootElement;
        var endpoints = new List<ApiEndpoint>();
        foreach (var route in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (route.RoutePattern.RawText ?? "").TrimStart('/');
            if (Infrastructure.Any(p => raw.StartsWith(p, StringComparison.OrdinalIgnoreCase))) continue;
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            var template = "/" + string.Join('/', route.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(Part))));
            foreach (var method in methods)
            {
                var operation = Operation(document, template, method);
                endpoints.Add(new ApiEndpoint(method, template, AccessOf(route),
                    route.RoutePattern.Parameters.Select(p => p.Name).ToList(),
                    Parameters(operation, "query"), BodyType(operation), BodyFields(document, operation)));
            }
        }
        if (endpoints.Count == 0) throw new InvalidOperationException("No endpoints found: the route table is empty.");
        return endpoints.OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
    }

    private static string Part(Microsoft.AspNetCore.Routing.Patterns.RoutePatternPart part) => part switch
    {
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
        _ => "",
    };

    private static Access AccessOf(RouteEndpoint route)
    {
        if (route.Metadata.GetMetadata<IAllowAnonymous>() is not null) return Access.Anonymous;
        var policies = route.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Contains(UnionPolicies.CityAdmin)) return Access.CityAdmin;
        if (policies.Contains(UnionPolicies.Write)) return Access.Write;
        if (policies.Contains(UnionPolicies.Read)) return Access.Read;
        return policies.Count == 0 ? Access.Anonymous : throw new InvalidOperationException($"{route.RoutePattern.RawText}: unknown policies {string.Join(",", policies)}");
    }

    private static JsonElement? Operation(JsonElement document, string template, string method) =>
        document.GetProperty("paths").TryGetProperty(template, out var path) && path.TryGetProperty(method.ToLowerInvariant(), out var op) ? op : null;

    private static List<Field> Parameters(JsonElement? operation, string location)
    {
        var fields = new List<Field>();
        if (operation is not { } op || !op.TryGetProperty("parameters", out var parameters)) return fields;
        foreach (var p in parameters.EnumerateArray())
            if (p.GetProperty("in").GetString() == location)
                fields.Add(new Field(p.GetProperty("name").GetString()!, TypeOf(p.TryGetProperty("schema", out var s) ? s : default), FormatOf(s)));
        return fields;
    }

    private static string? BodyType(JsonElement? operation) =>
        operation is { } op && op.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            ? content.EnumerateObject().Select(c => c.Name).FirstOrDefault() : null;

    private static List<Field> BodyFields(JsonElement document, JsonElement? operation)
    {
        if (operation is not { } op || !op.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content)
            || !content.TryGetProperty("application/json", out var json) || !json.TryGetProperty("schema", out var schema)) return [];
        var resolved = Resolve(document, schema);
        if (!resolved.TryGetProperty("properties", out var properties)) return [];
        return properties.EnumerateObject().Select(p => new Field(p.Name, TypeOf(Resolve(document, p.Value)), FormatOf(Resolve(document, p.Value)))).ToList();
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        return schema;
    }

    // "type" may be a string or, for nullable values, an array like ["null", "string"].
    private static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type)) return "object";
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "string"
            : type.GetString() ?? "object";
    }

    private static string? FormatOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null;
}
