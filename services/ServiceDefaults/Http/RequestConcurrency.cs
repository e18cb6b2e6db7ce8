using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// The answer when too many requests wait (503 with Retry-After, as a ProblemDetails). The limit itself is set by
/// whoever knows the scarce resource: a service's database sets it to its share of the connection pool
/// (UnionPlatform.Messaging.Data.ConnectionBudget), so a burst queues in front of the endpoints.
/// </summary>
public static class RequestConcurrency
{
    public const int QueueLimit = 5_000;

    /// <summary>Never held up: the probes must answer while the service is busy.</summary>
    public static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive");

    public static IServiceCollection AddRequestConcurrencyLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(o => o.OnRejected = async (context, ct) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "5";
            await Results.Problem(title: "The service is busy.", detail: "Too many requests are waiting. Try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context.HttpContext);
        });
        return services;
    }
}
