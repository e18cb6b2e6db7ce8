namespace UnionPlatform.Kernel;

/// <summary>
/// The caller may use the endpoint but not on this record (district staff and their own district federation).
/// The API answers 403 with the reason, since the record itself is visible to the caller.
/// </summary>
public sealed class ForbiddenException(string message) : Exception(message);
