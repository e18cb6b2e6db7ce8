using System.Text.Json;

namespace UnionPlatform.Portal.Clients;

/// <summary>
/// A service's RFC 7807 answer as the pages show it: the title and detail, the field errors (bound to the form's
/// fields by name) and, for a 409, the state the record is in.
/// </summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, string? CurrentState)
{
    public string? ErrorFor(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } messages
            ? string.Join(" ", messages) : null;

    public bool HasError(string field) => ErrorFor(field) is not null;

    public static ApiProblem Read(int status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                foreach (var field in e.EnumerateObject())
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(m => m.ToString())] : [field.Value.ToString()];
            return new ApiProblem(status, Text(root, "title") ?? $"HTTP {status}", Text(root, "detail"), errors, Text(root, "currentState"));
        }
        catch (JsonException)
        {
            return new ApiProblem(status, $"HTTP {status}", null, new Dictionary<string, string[]>(), null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>The service answered with a problem (4xx): the page shows it beside the form.</summary>
public sealed class ApiProblemException(ApiProblem problem) : Exception(problem.Detail ?? problem.Title)
{
    public ApiProblem Problem { get; } = problem;
}

/// <summary>The service did not answer (down, timed out, 502–504): the page names it and says to try again later.</summary>
public sealed class ServiceUnavailableException(string service, Exception? inner = null)
    : Exception($"The {service} service is not available.", inner)
{
    public string Service { get; } = service;
}

/// <summary>The person's session ended (signed out elsewhere, account disabled, the portal restarted).</summary>
public sealed class SessionEndedException() : Exception("The session has ended; sign in again.");
