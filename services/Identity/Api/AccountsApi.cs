using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using UnionPlatform.Identity.Data;
using UnionPlatform.Identity.Domain;
using UnionPlatform.Identity.Server;
using UnionPlatform.Identity.UseCases;
using UnionPlatform.ServiceDefaults.Http;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UnionPlatform.Identity.Api;

public sealed record AccountView(Guid Id, string UserName, string DisplayName, string Role, string? District, bool Enabled,
    bool MustChangePassword, bool AuthenticatorEnrolled, DateTimeOffset? LockedOutUntil, DateTimeOffset CreatedAt)
{
    public static AccountView From(StaffAccount a, DateTimeOffset now) => new(a.Id, a.UserName!, a.DisplayName, a.Role, a.District,
        a.Enabled, a.MustChangePassword, a.TwoFactorEnabled, a.LockoutEnd > now ? a.LockoutEnd : null, a.CreatedAt);
}

public sealed record CreateAccount(string? UserName, string? DisplayName, string? Role, string? District);
public sealed record AssignRole(string? Role, string? District);
/// <summary>Shown once: the person signs in with it and must choose their own password at once.</summary>
public sealed record TemporaryPassword(Guid AccountId, string Password);
public sealed record CreatedAccount(AccountView Account, string TemporaryPassword);
public sealed record SignInView(DateTimeOffset OccurredAt, SignInOutcome Outcome);

/// <summary>Staff accounts, administered by city admins with an access token from this provider.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(ProviderSetup.AdminPolicy);
        group.MapGet("/", List).WithName("ListAccounts").WithSummary("Every staff account, by user name.");
        group.MapPost("/", Create).WithName("CreateAccount")
            .WithSummary("Creates an account with a temporary password, answered once; the person must change it at first sign-in.");
        group.MapPut("/{id:guid}/role", Assign).WithName("AssignAccountRole").WithSummary("Sets the account's role and district.");
        group.MapPost("/{id:guid}/disable", Disable).WithName("DisableAccount")
            .WithSummary("Refuses the account's sign-ins and refresh tokens from now on, and ends its sessions.");
        group.MapPost("/{id:guid}/enable", Enable).WithName("EnableAccount").WithSummary("Lets a disabled account sign in again.");
        group.MapPost("/{id:guid}/password-reset", ResetPassword).WithName("ResetAccountPassword")
            .WithSummary("A new temporary password, answered once; the person must change it at the next sign-in.");
        group.MapGet("/{id:guid}/sign-ins", SignIns).WithName("ListAccountSignIns").WithSummary("The account's sign-in history, newest first.");
        return group;
    }

    private static async Task<Ok<List<AccountView>>> List(IdentityDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var accounts = await db.Users.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(ct);
        return TypedResults.Ok(accounts.Select(a => AccountView.From(a, now)).ToList());
    }

    private static async Task<Results<Created<CreatedAccount>, ValidationProblem>> Create(CreateAccount request, UserManager<StaffAccount> accounts,
        SecurityLog log, ClaimsPrincipal admin, TimeProvider clock)
    {
        var validation = new Validation().Required(request.UserName, "userName", 64).Required(request.DisplayName, "displayName", 100)
            .Required(request.Role, "role", 32).When(request.District is { Length: > 64 }, "district", "At most 64 characters.");
        if (!validation.IsValid) return validation.Problem();
        StaffAccount account;
        try { account = StaffAccount.Create(request.UserName!.ToLowerInvariant(), request.DisplayName!, request.Role!, request.District, clock.GetUtcNow()); }
        catch (StaffAccountException ex) { return validation.Add(ex.Field, ex.Message).Problem(); }
        var password = NewTemporaryPassword();
        var result = await accounts.CreateAsync(account, password);
        if (!result.Succeeded) return Refused(result, "userName");
        log.AdminChange(AdminId(admin), account.Id, "created");
        return TypedResults.Created($"/api/accounts/{account.Id}", new CreatedAccount(AccountView.From(account, clock.GetUtcNow()), password));
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> Assign(Guid id, AssignRole request,
        UserManager<StaffAccount> accounts, SecurityLog log, ClaimsPrincipal admin, TimeProvider clock)
    {
        if (await accounts.FindByIdAsync(id.ToString()) is not { } account) return Problems.NotFound("The account");
        var validation = new Validation().Required(request.Role, "role", 32)
            .When(request.District is { Length: > 64 }, "district", "At most 64 characters.");
        if (!validation.IsValid) return validation.Problem();
        try { account.Assign(request.Role!, request.District); }
        catch (StaffAccountException ex) { return validation.Add(ex.Field, ex.Message).Problem(); }
        await accounts.UpdateAsync(account);
        log.AdminChange(AdminId(admin), account.Id, "assigned a role to");
        return TypedResults.Ok(AccountView.From(account, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Disable(Guid id, UserManager<StaffAccount> accounts,
        IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, SecurityLog log, ClaimsPrincipal admin,
        TimeProvider clock, CancellationToken ct)
    {
        if (await accounts.FindByIdAsync(id.ToString()) is not { } account) return Problems.NotFound("The account");
        if (account.Id == AdminId(admin)) return Problems.Conflict("An administrator cannot disable their own account.");
        account.Disable();
        await accounts.UpdateAsync(account);
        await accounts.UpdateSecurityStampAsync(account); // its sign-in cookie stops working at the next check
        await authorizations.RevokeBySubjectAsync(account.Id.ToString(), ct);
        await tokens.RevokeBySubjectAsync(account.Id.ToString(), ct);
        log.AdminChange(AdminId(admin), account.Id, "disabled");
        return TypedResults.Ok(AccountView.From(account, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Enable(Guid id, UserManager<StaffAccount> accounts,
        SecurityLog log, ClaimsPrincipal admin, TimeProvider clock)
    {
        if (await accounts.FindByIdAsync(id.ToString()) is not { } account) return Problems.NotFound("The account");
        account.Enable();
        await accounts.UpdateAsync(account);
        log.AdminChange(AdminId(admin), account.Id, "enabled");
        return TypedResults.Ok(AccountView.From(account, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<TemporaryPassword>, ValidationProblem, ProblemHttpResult>> ResetPassword(Guid id,
        UserManager<StaffAccount> accounts, IOpenIddictTokenManager tokens, SecurityLog log, ClaimsPrincipal admin, CancellationToken ct)
    {
        if (await accounts.FindByIdAsync(id.ToString()) is not { } account) return Problems.NotFound("The account");
        var password = NewTemporaryPassword();
        var result = await accounts.ResetPasswordAsync(account, await accounts.GeneratePasswordResetTokenAsync(account), password);
        if (!result.Succeeded) return Refused(result, "password");
        account.RequirePasswordChange();
        await accounts.UpdateAsync(account);
        await accounts.SetLockoutEndDateAsync(account, null); // a reset is also how a locked-out person gets back in
        await tokens.RevokeBySubjectAsync(account.Id.ToString(), ct);
        log.AdminChange(AdminId(admin), account.Id, "reset the password of");
        return TypedResults.Ok(new TemporaryPassword(account.Id, password));
    }

    private static async Task<Results<Ok<List<SignInView>>, ProblemHttpResult>> SignIns(Guid id, IdentityDb db, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound("The account");
        var history = await db.SignIns.AsNoTracking().Where(s => s.AccountId == id).OrderByDescending(s => s.OccurredAt).Take(200)
            .Select(s => new SignInView(s.OccurredAt, s.Outcome)).ToListAsync(ct);
        return TypedResults.Ok(history);
    }

    // 16 characters from an alphabet without look-alikes (0/O, 1/l): read off a screen and typed once.
    private static string NewTemporaryPassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 16);

    private static Guid AdminId(ClaimsPrincipal admin) => Guid.TryParse(admin.FindFirstValue(Claims.Subject), out var id) ? id : Guid.Empty;

    private static ValidationProblem Refused(IdentityResult result, string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
}
