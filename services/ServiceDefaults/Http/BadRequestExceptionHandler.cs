using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using UnionPlatform.Kernel.Text;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Turns unreadable requests (malformed JSON, a string where a number belongs, an oversized body) into a 4xx
/// ProblemDetails that names the field, instead of the 500 an unhandled exception would give.
/// Anything else falls through to the default handler, which returns a 500 ProblemDetails without a stack trace.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is RequestValidationException invalid)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] })
                {
                    Status = StatusCodes.Status400BadRequest,
                },
                Exception = exception,
            });
        }
        if (exception is not BadHttpRequestException bad) return false;

        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        ProblemDetails problem = bad.InnerException is JsonException json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [FieldName(json.Path)] = [json is UnsafeTextException ? SafeText.Message : "The value is missing, malformed or of the wrong type."],
            })
            { Title = "The request body is not valid JSON for this operation." }
            : ParameterName().Match(bad.Message) is { Success: true } parameter
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [parameter.Groups["name"].Value] = [$"Not a valid {parameter.Groups["type"].Value.TrimEnd('?')}, or out of range."],
            })
            { Title = "A parameter could not be read." }
            : new ProblemDetails
            {
                Title = status == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request is malformed.",
                Detail = bad.Message,
            };
        problem.Status = status;
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    // Minimal APIs say 'Failed to bind parameter "int? page" from "99999999999".' (query, route and header values).
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^" ]+) (?<name>[^" ]+)" from""")]
    private static partial Regex ParameterName();

    // System.Text.Json reports "$.headcount" or "$.members[2].name"; clients know the field as "headcount".
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
