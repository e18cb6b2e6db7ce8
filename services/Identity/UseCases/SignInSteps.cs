using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using UnionPlatform.Identity.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace UnionPlatform.Identity.UseCases;

/// <summary>
/// Signing in takes up to three steps: the password, then (when required) a new password, then (for city admins) an
/// authenticator code, enrolled on the first sign-in. Between steps the person holds a short "pending" cookie naming
/// the account, its security stamp and the steps done; only the last step issues the real session cookie.
/// </summary>
public sealed class SignInSteps(
    UserManager<StaffAccount> accounts, SignInManager<StaffAccount> signIn, SecurityLog log, IHttpContextAccessor http)
{
    public const string PendingScheme = "pending-sign-in";
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);
    private const string StampClaim = "stamp";
    private const string CodeVerifiedClaim = "code-verified";

    public enum Step { ChangePassword, EnrolAuthenticator, EnterCode, Done }

    public sealed record PasswordResult(bool Succeeded, bool LockedOut, StaffAccount? Account = null);

    private HttpContext Context => http.HttpContext ?? throw new InvalidOperationException("No HTTP request.");

    /// <summary>The first step. Five wrong passwords lock the account for 15 minutes; a disabled one is refused.</summary>
    public async Task<PasswordResult> PasswordAsync(string userName, string password)
    {
        var account = await accounts.FindByNameAsync(userName.Trim());
        if (account is null)
        {
            log.UnknownAccount();
            return new PasswordResult(false, false);
        }
        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await log.SignInAsync(account.Id, SignInOutcome.LockedOut);
            return new PasswordResult(false, true);
        }
        if (result.IsNotAllowed)
        {
            await log.SignInAsync(account.Id, SignInOutcome.Disabled);
            return new PasswordResult(false, false);
        }
        if (!result.Succeeded)
        {
            // The failure that reached the limit locks the account: say so now, not at the next try.
            var locked = await accounts.IsLockedOutAsync(account);
            await log.SignInAsync(account.Id, locked ? SignInOutcome.LockedOut : SignInOutcome.WrongPassword);
            return new PasswordResult(false, locked);
        }
        await HoldAsync(account, codeVerified: false);
        return new PasswordResult(true, false, account);
    }

    /// <summary>The account between steps, or null when the pending cookie is missing, expired or stale.</summary>
    public async Task<(StaffAccount Account, bool CodeVerified)?> PendingAsync()
    {
        var pending = await Context.AuthenticateAsync(PendingScheme);
        if (pending.Principal?.FindFirstValue(Claims.Subject) is not { } id) return null;
        var account = await accounts.FindByIdAsync(id);
        if (account is null || !account.Enabled || await accounts.IsLockedOutAsync(account)
            || pending.Principal.FindFirstValue(StampClaim) != await accounts.GetSecurityStampAsync(account))
            return null;
        return (account, pending.Principal.HasClaim(CodeVerifiedClaim, "true"));
    }

    /// <summary>The forced change: a new password under the policy, different from the old one.</summary>
    public async Task<IdentityResult> ChangePasswordAsync(StaffAccount account, string newPassword, bool codeVerified)
    {
        if (await accounts.CheckPasswordAsync(account, newPassword))
            return IdentityResult.Failed(new IdentityError { Code = "SamePassword", Description = "The new password must differ from the old one." });
        var token = await accounts.GeneratePasswordResetTokenAsync(account);
        var result = await accounts.ResetPasswordAsync(account, token, newPassword);
        if (!result.Succeeded) return result;
        account.PasswordChanged();
        await accounts.UpdateAsync(account);
        await log.SignInAsync(account.Id, SignInOutcome.PasswordChanged);
        await HoldAsync(account, codeVerified); // the stamp changed with the password
        return result;
    }

    /// <summary>A fresh authenticator key for enrolment (the old one, if any, stops working).</summary>
    public async Task<string> NewAuthenticatorKeyAsync(StaffAccount account)
    {
        await accounts.ResetAuthenticatorKeyAsync(account);
        await HoldAsync(account, codeVerified: false); // resetting the key changes the stamp
        return (await accounts.GetAuthenticatorKeyAsync(account))!;
    }

    public async Task<string?> AuthenticatorKeyAsync(StaffAccount account) => await accounts.GetAuthenticatorKeyAsync(account);

    /// <summary>Checks a 6-digit code; wrong codes count towards the lockout like wrong passwords.</summary>
    public async Task<(bool Succeeded, bool LockedOut)> CodeAsync(StaffAccount account, string code, bool enrolling)
    {
        code = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await accounts.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, code))
        {
            await accounts.AccessFailedAsync(account);
            var locked = await accounts.IsLockedOutAsync(account);
            await log.SignInAsync(account.Id, locked ? SignInOutcome.LockedOut : SignInOutcome.WrongCode);
            return (false, locked);
        }
        await accounts.ResetAccessFailedCountAsync(account);
        if (enrolling)
        {
            await accounts.SetTwoFactorEnabledAsync(account, true);
            await log.SignInAsync(account.Id, SignInOutcome.AuthenticatorEnrolled);
        }
        await HoldAsync(account, codeVerified: true);
        return (true, false);
    }

    public async Task<Step> NextAsync(StaffAccount account, bool codeVerified)
    {
        if (account.MustChangePassword) return Step.ChangePassword;
        if (account.RequiresAuthenticator && !codeVerified)
            return await accounts.GetTwoFactorEnabledAsync(account) ? Step.EnterCode : Step.EnrolAuthenticator;
        return Step.Done;
    }

    /// <summary>The last step: the session cookie the authorization endpoint reads, and the pending one goes.</summary>
    public async Task CompleteAsync(StaffAccount account, bool codeVerified)
    {
        await signIn.SignInWithClaimsAsync(account, isPersistent: false,
            [new Claim("amr", codeVerified ? "mfa" : "pwd")]);
        await Context.SignOutAsync(PendingScheme);
        await log.SignInAsync(account.Id, SignInOutcome.Succeeded);
    }

    private async Task HoldAsync(StaffAccount account, bool codeVerified)
    {
        var identity = new ClaimsIdentity(PendingScheme);
        identity.AddClaim(new Claim(Claims.Subject, account.Id.ToString()));
        identity.AddClaim(new Claim(StampClaim, await accounts.GetSecurityStampAsync(account)));
        if (codeVerified) identity.AddClaim(new Claim(CodeVerifiedClaim, "true"));
        await Context.SignInAsync(PendingScheme, new ClaimsPrincipal(identity)); // replaces the previous step's cookie
    }
}
