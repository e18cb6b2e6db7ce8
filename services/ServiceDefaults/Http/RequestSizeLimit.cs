using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Hosting;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Refuses a body whose declared length exceeds the endpoint's limit (IRequestSizeLimitMetadata, else
/// <see cref="ApiDefaultsExtensions.MaxRequestBodyBytes"/>) with a 413 ProblemDetails before anything reads it,
/// and hands the same limit to the server for bodies of undeclared length.
/// </summary>
public sealed class RequestSizeLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? ApiDefaultsExtensions.MaxRequestBodyBytes;
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
