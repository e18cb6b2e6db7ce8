using Microsoft.AspNetCore.Http;
using UnionPlatform.Kernel.Text;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// The query-string and route half of <see cref="SafeText"/>: a filter such as <c>?name=%00</c> would otherwise
/// reach PostgreSQL and come back as a 500. Answers 400 naming each refused parameter.
/// </summary>
public sealed class SafeQueryText(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        Validation? validation = null;
        foreach (var (name, values) in context.Request.Query)
        {
            if (!SafeText.IsSafe(name)) (validation ??= new()).Add("query", SafeText.Message);
            foreach (var value in values)
                if (value is not null && !SafeText.IsSafe(value)) (validation ??= new()).Add(SafeText.IsSafe(name) ? name : "query", SafeText.Message);
        }
        foreach (var (name, value) in context.Request.RouteValues)
            if (value is string text && !SafeText.IsSafe(text)) (validation ??= new()).Add(name, SafeText.Message);
        return validation is null ? next(context) : validation.Problem().ExecuteAsync(context);
    }
}
