namespace UnionPlatform.Portal.Clients;

/// <summary>The identity service's account administration (/identity on the gateway), for city admins.</summary>
public sealed class IdentityClient(GatewayCaller api)
{
    public const string Service = "Identity";
    private const string Api = "identity/api/accounts";

    public Task<List<AccountView>> AccountsAsync(CancellationToken ct = default) => api.GetAsync<List<AccountView>>(Service, Api, ct);

    public Task<CreatedAccount> CreateAsync(CreateAccount account, CancellationToken ct = default) => api.PostAsync<CreatedAccount>(Service, Api, account, ct);

    public Task<AccountView> AssignAsync(Guid id, string? role, string? district, CancellationToken ct = default) =>
        api.PutAsync<AccountView>(Service, $"{Api}/{id}/role", new { role, district }, ct);

    public Task<AccountView> DisableAsync(Guid id, CancellationToken ct = default) => api.PostAsync<AccountView>(Service, $"{Api}/{id}/disable", new { }, ct);

    public Task<AccountView> EnableAsync(Guid id, CancellationToken ct = default) => api.PostAsync<AccountView>(Service, $"{Api}/{id}/enable", new { }, ct);

    public Task<TemporaryPassword> ResetPasswordAsync(Guid id, CancellationToken ct = default) =>
        api.PostAsync<TemporaryPassword>(Service, $"{Api}/{id}/password-reset", new { }, ct);

    public Task<List<SignInView>> SignInsAsync(Guid id, CancellationToken ct = default) => api.GetAsync<List<SignInView>>(Service, $"{Api}/{id}/sign-ins", ct);
}

public sealed record AccountView(Guid Id, string UserName, string DisplayName, string Role, string? District, bool Enabled,
    bool MustChangePassword, bool AuthenticatorEnrolled, DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt);

public sealed record CreateAccount(string? UserName, string? DisplayName, string? Role, string? District);
public sealed record CreatedAccount(AccountView Account, string TemporaryPassword);
public sealed record TemporaryPassword(Guid AccountId, string Password);
public sealed record SignInView(DateTimeOffset OccurredAt, string Outcome);
