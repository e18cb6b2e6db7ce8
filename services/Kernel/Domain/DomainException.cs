namespace UnionPlatform.Kernel;

/// <summary>A rule of the union refused a change. APIs answer 409 with the message and the current state.</summary>
public sealed class DomainException(string message, string? currentState = null) : Exception(message)
{
    public string? CurrentState { get; } = currentState;
}
