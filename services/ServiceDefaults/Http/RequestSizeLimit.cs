using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Refuses a body whose declared length exceeds the endpoint's limit (IRequestSizeLimitMetadata, else
/// <see cref="ApiDefaultsExtensions.MaxRequestBodyBytes"/>) with a 413 ProblemDetails before anything reads it,
/// and hands the same limit to the server for bodies of undeclared length.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next, BodyLimits limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = limits.For(context);
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Results.Problem(title: "The request body is too large.", detail: $"At most {limit:N0} bytes.",
                statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        await next(context);
    }
}

/// <summary>
/// The body size a request may have. Routing's own rejections (a 415 for a wrong content type, a 405) are endpoints
/// without a route or a limit; they get the largest limit of the service, so an upload meant for the roster endpoint
/// hears "wrong content type" rather than "too large".
/// </summary>
public sealed class BodyLimits(EndpointDataSource endpoints)
{
    private readonly Lazy<long> _largest = new(() => endpoints.Endpoints
        .Select(e => e.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? 0)
        .Append(ApiDefaultsExtensions.MaxRequestBodyBytes).Max());

    public long Largest => _largest.Value;

    public long For(HttpContext context) => context.GetEndpoint() switch
    {
        { } endpoint when endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit => limit,
        RouteEndpoint or null => ApiDefaultsExtensions.MaxRequestBodyBytes,
        _ => Largest,
    };
}
