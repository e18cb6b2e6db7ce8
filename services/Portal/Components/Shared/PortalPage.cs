using Microsoft.AspNetCore.Components;
using UnionPlatform.Portal.Clients;

namespace UnionPlatform.Portal.Components.Shared;

/// <summary>
/// What every page does around a call: a loading state, and the call's failure kept for <see cref="LoadState"/> to
/// show (the service that is down, the service's reason, or "sign in again"), never an exception in the circuit.
/// </summary>
public abstract class PortalPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _leaving = new();

    protected bool Loading { get; private set; }
    protected Exception? Failure { get; set; }
    protected CancellationToken Leaving => _leaving.Token;

    /// <summary>Runs a call; on failure returns default and keeps the reason. Only the portal's own kinds of failure are caught.</summary>
    protected async Task<T?> CallAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        Loading = true;
        Failure = null;
        try
        {
            return await call(Leaving);
        }
        catch (Exception ex) when (ex is ApiProblemException or ServiceUnavailableException or SessionEndedException)
        {
            Failure = ex;
            return default;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>The service's message for a field of the last refused request (a 400), to show at that field.</summary>
    protected string? ErrorFor(string field) => (Failure as ApiProblemException)?.Problem.ErrorFor(field);

    protected bool Has(string field) => ErrorFor(field) is not null;

    /// <summary>The last call never reached the service: a list is then "not loaded", never "empty".</summary>
    protected bool Unreachable => Failure is ServiceUnavailableException or SessionEndedException;

    public void Dispose()
    {
        _leaving.Cancel();
        _leaving.Dispose();
        GC.SuppressFinalize(this);
    }
}
