using Scalar.AspNetCore;

namespace UnionPlatform.Gateway;

/// <summary>
/// Scalar at /scalar, listing the OpenAPI document of every service the gateway routes to. Each service serves
/// /openapi/v1.json; through the gateway that is /{prefix}/openapi/v1.json, so "try it" goes through the gateway too.
/// </summary>
public static class ServicesApiReference
{
    public const string TitleMetadataKey = "OpenApiTitle";
    /// <summary>Documents are listed by this number, the first one opening by default (Membership, not the alphabet's pick).</summary>
    public const string OrderMetadataKey = "OpenApiOrder";

    public static IEndpointConventionBuilder MapServicesApiReference(this WebApplication app)
    {
        var documents = ServiceDocuments(app.Configuration);
        return app.MapScalarApiReference("/scalar", options =>
        {
            options.WithTitle("UnionPlatform API");
            foreach (var document in documents)
                options.AddDocument(document.Name, document.Title, document.Url, isDefault: document == documents[0]);
        }).AllowAnonymous();
    }

    public sealed record ServiceDocument(string Name, string Title, string Url);

    /// <summary>Routes like /membership/{**catch-all} with an OpenApiTitle give /membership/openapi/v1.json.</summary>
    public static IReadOnlyList<ServiceDocument> ServiceDocuments(IConfiguration configuration)
    {
        var documents = new List<(int Order, ServiceDocument Document)>();
        foreach (var route in configuration.GetSection("ReverseProxy:Routes").GetChildren())
        {
            var title = route[$"Metadata:{TitleMetadataKey}"];
            var path = route["Match:Path"] ?? "";
            var parameters = path.IndexOf("/{", StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(title) || parameters <= 0) continue;

            var prefix = path[..parameters];
            var order = int.TryParse(route[$"Metadata:{OrderMetadataKey}"], out var n) ? n : int.MaxValue;
            documents.Add((order, new ServiceDocument(prefix.TrimStart('/'), title, $"{prefix}/openapi/v1.json")));
        }
        return documents.OrderBy(d => d.Order).ThenBy(d => d.Document.Name, StringComparer.Ordinal).Select(d => d.Document).ToList();
    }
}
