using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace UnionPlatform.Testing.Oidc;

public sealed record Tokens(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

/// <summary>An answer of the token endpoint: tokens, or the OAuth error and its description.</summary>
public sealed record TokenResponse(HttpStatusCode Status, Tokens? Tokens, string? Error, string? Description);

/// <summary>
/// Signs in as a browser would, through the provider's pages: the authorization code flow with PKCE, following each
/// redirect by hand (cookies kept), filling in whichever page comes (password, new password, authenticator
/// enrolment, code), until the redirect back to the client carries the code; then redeems it. The pages are found by
/// their form fields, so the test does not depend on their wording or language.
/// </summary>
public sealed partial class SignInClient(HttpClient browser, string clientId, Uri redirectUri, string? clientSecret = null)
{
    /// <summary>The paths of the pages shown, in order (e.g. /account/login, /account/change-password).</summary>
    public List<string> PagesSeen { get; } = [];
    /// <summary>The authenticator key shown at enrolment, for the next sign-ins' codes.</summary>
    public string? AuthenticatorKey { get; set; }
    /// <summary>The last HTML page, when the flow stopped on one (a refusal shows the page again).</summary>
    public string? LastPage { get; private set; }
    /// <summary>Stop, without filling it in, when this page comes (e.g. /account/code): to test what a half sign-in gets.</summary>
    public string? StopAt { get; set; }
    /// <summary>The authorization request the last sign-in started with.</summary>
    public string? AuthorizeUrl { get; private set; }

    public sealed record Person(string UserName, string Password, string? NewPassword = null);

    /// <summary>The tokens, or null when the flow stopped on a page (wrong password, lockout): see <see cref="LastPage"/>.</summary>
    public async Task<Tokens?> SignInAsync(Person person, string scope = "openid profile roles offline_access")
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var url = AuthorizeUrl = "connect/authorize?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = clientId, ["redirect_uri"] = redirectUri.ToString(), ["response_type"] = "code", ["scope"] = scope,
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = state,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var response = await FollowAsync(await browser.GetAsync(url), person);
        if (response is null) return null;
        var callback = Query(response.Headers.Location!.Query);
        if (callback.TryGetValue("error", out var error)) throw new InvalidOperationException($"authorization refused: {error} {callback.GetValueOrDefault("error_description")}");
        if (callback["state"] != state) throw new InvalidOperationException("the state came back changed");
        var tokens = await TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = callback["code"], ["redirect_uri"] = redirectUri.ToString(),
            ["code_verifier"] = verifier,
        });
        return tokens.Tokens ?? throw new InvalidOperationException($"code refused: {tokens.Error} {tokens.Description}");
    }

    public Task<TokenResponse> RefreshAsync(string refreshToken) =>
        TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public async Task<TokenResponse> TokenAsync(Dictionary<string, string?> form)
    {
        form["client_id"] = clientId;
        if (clientSecret is not null) form["client_secret"] = clientSecret;
        using var response = await browser.PostAsync("connect/token", new FormUrlEncodedContent(form));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var p) ? p.GetString() : null;
        return response.IsSuccessStatusCode
            ? new TokenResponse(response.StatusCode, new Tokens(Text("access_token")!, Text("refresh_token"), Text("id_token"),
                root.GetProperty("expires_in").GetInt32()), null, null)
            : new TokenResponse(response.StatusCode, null, Text("error"), Text("error_description"));
    }

    // Until the redirect to the client; null when a page is shown again (the step was refused).
    private async Task<HttpResponseMessage?> FollowAsync(HttpResponseMessage response, Person person)
    {
        var posted = new HashSet<string>();
        for (var hops = 0; hops < 20; hops++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                var location = response.Headers.Location!;
                if (location.IsAbsoluteUri && location.GetLeftPart(UriPartial.Path) == redirectUri.GetLeftPart(UriPartial.Path)) return response;
                var next = location.IsAbsoluteUri ? location : new Uri(browser.BaseAddress!, location);
                response.Dispose();
                response = await browser.GetAsync(next);
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var page = response.RequestMessage!.RequestUri!;
            var html = LastPage = await response.Content.ReadAsStringAsync();
            PagesSeen.Add(page.AbsolutePath);
            if (page.AbsolutePath == StopAt) return null;
            var fields = Form(html, person);
            if (!posted.Add(page.AbsolutePath + string.Join(",", fields.Keys))) return null; // the same page again: refused
            response.Dispose();
            response = await browser.PostAsync(page, new FormUrlEncodedContent(fields));
        }
        throw new InvalidOperationException("too many redirects");
    }

    private Dictionary<string, string> Form(string html, Person person)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in Input().Matches(html))
        {
            var tag = input.Value;
            if (!tag.Contains("type=\"hidden\"", StringComparison.Ordinal) || Attribute("name", tag) is not { } name) continue;
            fields[name] = Attribute("value", tag) ?? "";
        }
        if (html.Contains("name=\"UserName\"", StringComparison.Ordinal))
            (fields["UserName"], fields["Password"]) = (person.UserName, person.Password);
        else if (html.Contains("name=\"NewPassword\"", StringComparison.Ordinal))
            fields["NewPassword"] = fields["ConfirmPassword"] = person.NewPassword ?? throw new InvalidOperationException("a new password is asked for");
        else if (html.Contains("name=\"Code\"", StringComparison.Ordinal))
        {
            if (EnrolKey().Match(html) is { Success: true } key) AuthenticatorKey = WebUtility.HtmlDecode(key.Groups[1].Value);
            fields["Code"] = Totp.Code(AuthenticatorKey ?? throw new InvalidOperationException("a code is asked for but no key is known"));
        }
        else throw new InvalidOperationException($"an unexpected page: {html[..Math.Min(html.Length, 500)]}");
        return fields;
    }

    private static Dictionary<string, string> Query(string query) => query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Attribute(string name, string tag) =>
        Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("""<input\b[^>]*>""")]
    private static partial Regex Input();

    [GeneratedRegex("data-authenticator-key=\"([^\"]+)\"")]
    private static partial Regex EnrolKey();
}
