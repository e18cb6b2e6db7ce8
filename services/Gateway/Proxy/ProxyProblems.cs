using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace UnionPlatform.Gateway.Proxy;

/// <summary>
/// Makes the gateway answer like the services do, with an RFC 7807 body, where YARP alone would give an empty one:
/// a body over the route's limit (413, refused before a byte is forwarded), a service that is down or not
/// answering (503 naming it, with Retry-After), and any other forwarding failure.
/// </summary>
public static class ProxyProblems
{
    /// <summary>Runs first in the proxy pipeline: a declared body above the route's limit never reaches the service.</summary>
    public static async Task RefuseOversizedBodies(HttpContext context, Func<Task> next)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var limit = route.MaxRequestBodySize is > 0 ? route.MaxRequestBodySize.Value : GatewayLimits.DefaultMaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"At most {limit:N0} bytes.");
            return;
        }
        // Bodies without a declared length are cut at the same limit while they stream.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        await next();
    }

    /// <summary>Runs last: turns a forwarding error that left the response empty into a ProblemDetails.</summary>
    public static async Task DescribeForwardingErrors(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || context.Response.HasStarted) return;

        var service = ServiceName(context.GetReverseProxyFeature().Route);
        switch (error.Error)
        {
            case ForwarderError.NoAvailableDestinations:
            case ForwarderError.Request when error.Exception is HttpRequestException:
            case ForwarderError.RequestTimedOut:
                context.Response.Headers.RetryAfter = "10";
                await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, $"The {service} service is unavailable.",
                    "It is not answering right now. Try again shortly.");
                break;
            case ForwarderError.RequestBodyClient when context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge:
                await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", null);
                break;
            case ForwarderError.RequestBodyClient or ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled:
                break; // the client went away or sent a broken body: nobody reads an answer
            default:
                await WriteAsync(context, StatusCodes.Status502BadGateway, $"The {service} service gave no usable answer.", null);
                break;
        }
    }

    private static string ServiceName(RouteModel route) =>
        route.Config.Metadata?.GetValueOrDefault(ServicesApiReference.TitleMetadataKey)?.ToLowerInvariant() ?? route.Config.ClusterId ?? "requested";

    private static Task WriteAsync(HttpContext context, int status, string title, string? detail)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = context.Request.Path },
        }).AsTask();
    }
}

public static class GatewayLimits
{
    /// <summary>The services' own default (ApiDefaults.MaxRequestBodyBytes); routes such as the roster import raise it.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;
}
