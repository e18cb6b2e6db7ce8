using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Kernel;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// A refused domain rule becomes 409 naming the current state; a lost optimistic-concurrency race becomes 409
/// asking the client to reload. Endpoints stay free of try/catch for the common cases.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is ForbiddenException forbidden)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = forbidden.Message },
                Exception = exception,
            });
        }
        var problem = exception switch
        {
            DomainException domain => new ProblemDetails
            {
                Title = "The request conflicts with the current state.",
                Detail = domain.Message,
                Extensions = { ["currentState"] = domain.CurrentState },
            },
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Title = "The record was changed by someone else.",
                Detail = "Reload it and try again.",
            },
            _ => null,
        };
        if (problem is null) return false;
        problem.Status = context.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
