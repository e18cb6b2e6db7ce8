namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Bad input found deep inside a use case (a CSV's header, its charset) that the endpoint could not check up front.
/// <see cref="BadRequestExceptionHandler"/> answers 400 naming <see cref="Field"/>, never a 409 or a 500.
/// </summary>
public sealed class RequestValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
