using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.ServiceDefaults.Data;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// At most <see cref="ConnectionBudget.Requests"/> requests run at once (each holds at most one connection); the rest
/// wait in arrival order, so a burst queues in front of the service instead of draining the pool that consumers and
/// the relay need. Health probes are never held up. A full queue answers 503 with Retry-After, as a ProblemDetails.
/// </summary>
public static class RequestConcurrency
{
    public const int QueueLimit = 5_000;

    public static IServiceCollection AddRequestConcurrencyLimit(this IServiceCollection services)
    {
        services.AddRateLimiter(o => o.OnRejected = async (context, ct) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "5";
            await Results.Problem(title: "The service is busy.", detail: "Too many requests are waiting. Try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context.HttpContext);
        });
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            if (provider.GetService<ConnectionBudget>() is not { } budget) return; // a service without a database
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/alive")
                    ? RateLimitPartition.GetNoLimiter("probes")
                    : RateLimitPartition.GetConcurrencyLimiter("requests", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = budget.Requests, QueueLimit = QueueLimit, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
        });
        return services;
    }
}
