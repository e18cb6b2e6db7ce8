using UnionPlatform.Identity.Data;
using UnionPlatform.Identity.Domain;

namespace UnionPlatform.Identity.UseCases;

/// <summary>
/// Security events: a line in the account's sign-in history, a log entry and a tag on the current trace. Only the
/// account id and the outcome: never a password, a code, a token, or what someone typed as a user name.
/// </summary>
public sealed partial class SecurityLog(IdentityDb db, TimeProvider clock, ILogger<SecurityLog> logger)
{
    public async Task SignInAsync(Guid accountId, SignInOutcome outcome, CancellationToken ct = default)
    {
        db.SignIns.Add(new SignInRecord(accountId, outcome, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        LogSignIn(logger, accountId, outcome);
        System.Diagnostics.Activity.Current?.SetTag("identity.sign_in.outcome", outcome.ToString());
    }

    /// <summary>A sign-in with a user name no account has: nothing to record against, and the name is not logged.</summary>
    public void UnknownAccount() => LogUnknownAccount(logger);

    public void AdminChange(Guid adminId, Guid accountId, string change)
    {
        LogAdminChange(logger, adminId, change, accountId);
        System.Diagnostics.Activity.Current?.SetTag("identity.admin.change", change);
    }

    [LoggerMessage(LogLevel.Information, "Sign-in step for account {AccountId}: {Outcome}")]
    private static partial void LogSignIn(ILogger logger, Guid accountId, SignInOutcome outcome);

    [LoggerMessage(LogLevel.Warning, "Sign-in attempt with an unknown user name")]
    private static partial void LogUnknownAccount(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Administrator {AdminId} {Change} account {AccountId}")]
    private static partial void LogAdminChange(ILogger logger, Guid adminId, string change, Guid accountId);
}
