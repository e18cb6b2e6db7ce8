using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>The ProblemDetails results our APIs return besides validation problems.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} was not found.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A rule of the domain refused the change (an illegal state transition, a duplicate).</summary>
    public static ProblemHttpResult Conflict(string detail, string? currentState = null)
    {
        var extensions = currentState is null ? null : new Dictionary<string, object?> { ["currentState"] = currentState };
        return TypedResults.Problem(title: "The request conflicts with the current state.", detail: detail,
            statusCode: StatusCodes.Status409Conflict, extensions: extensions);
    }
}
