using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Messaging;

public sealed record DeadLetterCount(string Queue, string ErrorQueue, long Messages);

public sealed record DeadLetterRedrive(string Queue, long Moved);

public static partial class DeadLetterEndpoints
{
    /// <summary>GET /ops/dead-letters/{queue} and POST /ops/dead-letters/{queue}/redrive, for city admins.</summary>
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var ops = app.MapGroup("/ops/dead-letters").RequireAuthorization(UnionPolicies.CityAdmin).WithTags("Operations");

        ops.MapGet("/{queue}", Count).WithName("CountDeadLetters")
            .WithSummary("How many messages wait in a consumer queue's _error queue.");
        ops.MapPost("/{queue}/redrive", Redrive).WithName("RedriveDeadLetters")
            .WithSummary("Moves up to max (default 10,000) messages from the _error queue back to the queue, oldest first.");
        return app;
    }

    private static async Task<Results<Ok<DeadLetterCount>, ValidationProblem>> Count(string queue, DeadLetters deadLetters, CancellationToken ct) =>
        !QueueName().IsMatch(queue)
            ? new Validation().Add("queue", QueueHint).Problem()
            : TypedResults.Ok(new DeadLetterCount(queue, queue + DeadLetters.ErrorSuffix, await deadLetters.CountAsync(queue, ct)));

    private static async Task<Results<Ok<DeadLetterRedrive>, ProblemHttpResult, ValidationProblem>> Redrive(string queue, int? max,
        DeadLetters deadLetters, CancellationToken ct)
    {
        var validation = new Validation()
            .When(!QueueName().IsMatch(queue), "queue", QueueHint)
            .When(max is < 1 or > 100_000, "max", "Between 1 and 100000.");
        if (!validation.IsValid) return validation.Problem();
        return await deadLetters.RedriveAsync(queue, max ?? 10_000, ct) is { } moved
            ? TypedResults.Ok(new DeadLetterRedrive(queue, moved))
            : Problems.NotFound($"The queue {queue}");
    }

    private const string QueueHint = "A queue name has lower-case letters, digits, '-', '_' or '.'.";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,200}$")]
    private static partial Regex QueueName();
}
