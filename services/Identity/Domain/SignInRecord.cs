namespace UnionPlatform.Identity.Domain;

/// <summary>What happened at a sign-in step, for the account's history and the security log.</summary>
public enum SignInOutcome
{
    Succeeded,
    WrongPassword,
    LockedOut,
    Disabled,
    WrongCode,
    PasswordChanged,
    AuthenticatorEnrolled,
    SignedOut,
}

/// <summary>One line of an account's sign-in history. Never a password, a code or a token; no client address.</summary>
public sealed class SignInRecord
{
    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public SignInOutcome Outcome { get; private set; }

    private SignInRecord() { }

    public SignInRecord(Guid accountId, SignInOutcome outcome, DateTimeOffset now) =>
        (Id, AccountId, OccurredAt, Outcome) = (Guid.CreateVersion7(now), accountId, now, outcome);
}
