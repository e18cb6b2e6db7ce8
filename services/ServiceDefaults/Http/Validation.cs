using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Collects every bad field of a request at once, so a client fixes them in one round trip.
/// Field names are the JSON (camelCase) names the client sent.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="failed"/> is true.</summary>
    public Validation When(bool failed, string field, string message) => failed ? Add(field, message) : this;

    public Validation Required(string? value, string field, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, "This field is required.");
        return When(value.Length > maxLength, field, $"At most {maxLength} characters.");
    }

    /// <summary>Adds the message returned by a validator such as NationalId.Validate, if any.</summary>
    public Validation Check(string? error, string field) => error is null ? this : Add(field, error);

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public ValidationProblem Problem() => TypedResults.ValidationProblem(Errors);
}
