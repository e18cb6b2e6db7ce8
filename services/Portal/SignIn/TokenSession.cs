namespace UnionPlatform.Portal.SignIn;

/// <summary>
/// A signed-in person's tokens, kept on the server (the cookie only names the session): a Blazor circuit outlives
/// its HTTP request, and the rolling refresh token must be redeemed in one place, never from a stale cookie copy.
/// </summary>
public sealed record TokenSession(string AccessToken, string? RefreshToken, string? IdToken, DateTimeOffset ExpiresAt)
{
    public bool ExpiresWithin(TimeSpan margin, DateTimeOffset now) => ExpiresAt - margin <= now;
}
