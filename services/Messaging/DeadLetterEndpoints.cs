using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Messaging;

public static partial class DeadLetterEndpoints
{
    /// <summary>GET /ops/dead-letters/{queue} and POST /ops/dead-letters/{queue}/redrive, for city admins.</summary>
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/ops/dead-letters").RequireAuthorization(UnionPolicies.CityAdmin).WithTags("Operations");

        ops.MapGet("/{queue}", async Task<IResult> (string queue, DeadLetters deadLetters, CancellationToken ct) =>
            !QueueName().IsMatch(queue)
                ? new Validation().Add("queue", "A queue name has lower-case letters, digits, '-', '_' or '.'.").Problem()
                : TypedResults.Ok(new { queue, errorQueue = queue + DeadLetters.ErrorSuffix, messages = await deadLetters.CountAsync(queue, ct) }));

        ops.MapPost("/{queue}/redrive", async Task<IResult> (string queue, int? max, DeadLetters deadLetters, CancellationToken ct) =>
        {
            var validation = new Validation()
                .When(!QueueName().IsMatch(queue), "queue", "A queue name has lower-case letters, digits, '-', '_' or '.'.")
                .When(max is < 1 or > 100_000, "max", "Between 1 and 100000.");
            if (!validation.IsValid) return validation.Problem();
            return await deadLetters.RedriveAsync(queue, max ?? 10_000, ct) is { } moved
                ? TypedResults.Ok(new { queue, moved })
                : Problems.NotFound($"The queue {queue}");
        });
        return app;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,200}$")]
    private static partial Regex QueueName();
}
