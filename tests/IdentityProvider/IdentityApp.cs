using Xunit;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UnionPlatform.Identity.Data;
using UnionPlatform.Identity.Domain;
using UnionPlatform.Identity;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Testing.Identity;

/// <summary>
/// The provider in-process against the real test PostgreSQL (a database of its own), with keys in a folder of its
/// own, a public test client (code + PKCE) and an agency client (client credentials). Every log line it writes is
/// kept, so tests can prove no password, code or token reaches the log.
/// </summary>
public sealed class IdentityApp : WebApplicationFactory<IdentityService>, IAsyncLifetime
{
    public const string ClientId = "test-portal";
    public static readonly Uri RedirectUri = new("http://localhost/signin-callback");
    public const string AgencyId = "test-agency";
    public const string AgencySecret = "test-agency-secret-long-enough";
    public const string Password = "first-password-42";

    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"identity-keys-{Guid.NewGuid():N}");
    private string _database = "";

    public ConcurrentQueue<string> Log { get; } = new();
    /// <summary>Settings a test adds or overrides before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];
    public string KeysFolder => _keys;

    public async Task InitializeAsync() => _database = await TestServers.CreateDatabaseAsync("identity");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.IdentityDb}", _database);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Identity:Issuer", "http://localhost/");
        builder.UseSetting("Identity:Keys:Folder", _keys);
        builder.UseSetting($"Identity:Clients:{ClientId}:RedirectUris:0", RedirectUri.ToString());
        builder.UseSetting($"Identity:Clients:{ClientId}:PostLogoutRedirectUris:0", "http://localhost/signed-out");
        builder.UseSetting($"Identity:Clients:{AgencyId}:Secret", AgencySecret);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new KeepingLoggerProvider(Log)));
    }

    /// <summary>A browser: its own cookies, redirects not followed (the sign-in client follows them itself).</summary>
    public HttpClient Browser() => CreateDefaultClient(new CookieContainerHandler());

    public SignInClient SignIn() => new(Browser(), ClientId, RedirectUri);

    public SignInClient Agency() => new(Browser(), AgencyId, RedirectUri, AgencySecret);

    /// <summary>An account as an administrator would create it (with its first password to change, unless told otherwise).</summary>
    public async Task<StaffAccount> AccountAsync(string role, string? district = null, bool mustChangePassword = false, string? userName = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var account = StaffAccount.Create(userName ?? $"staff-{Guid.NewGuid():N}"[..20], "测试工作人员", role, district, DateTimeOffset.UtcNow);
        if (!mustChangePassword) account.PasswordChanged();
        var result = await accounts.CreateAsync(account, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return account;
    }

    public async Task<T> WithDbAsync<T>(Func<IdentityDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdentityDb>());
    }

    /// <summary>A city admin signed in through the pages (enrolling an authenticator): a client of the admin API.</summary>
    public async Task<HttpClient> AdminApiAsync()
    {
        var admin = await AccountAsync(UnionRoles.CityAdmin);
        var tokens = await SignIn().SignInAsync(new SignInClient.Person(admin.UserName!, Password));
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens!.AccessToken);
        return client;
    }

    /// <summary>
    /// An access token for the role, obtained as its holder would: a new account signed in through the pages (the city
    /// admin enrolling an authenticator), or client credentials for the agency. District staff without a district
    /// cannot exist (the database refuses the account): that token is signed with the provider's own key instead, as a
    /// forgery that got hold of the key would be, so the services' refusal of it is still checked.
    /// </summary>
    public async Task<string> AccessTokenAsync(string role, string? district)
    {
        if (role == UnionRoles.Agency)
            return (await Agency().TokenAsync(new() { ["grant_type"] = "client_credentials" })).Tokens!.AccessToken;
        if (role == UnionRoles.DistrictStaff && district is null) return await SignedWithTheProvidersKeyAsync(UnionRoles.DistrictStaff);
        var account = await AccountAsync(role, district);
        return (await SignIn().SignInAsync(new SignInClient.Person(account.UserName!, Password)))!.AccessToken;
    }

    /// <summary>
    /// A token of this provider for each role and district claim the generated access matrix asks for
    /// (<c>AccessMatrix.ClientFor</c>), looked up by its one role and its district.
    /// </summary>
    public async Task<Func<IReadOnlyList<string>, string?, string>> MatrixTokensAsync()
    {
        var tokens = new Dictionary<string, string>();
        foreach (var (role, district) in new (string, string?)[]
                 {
                     (UnionRoles.Agency, null), (UnionRoles.Auditor, null), (UnionRoles.DistrictStaff, null), (UnionRoles.CityAdmin, null),
                     (UnionRoles.DistrictStaff, RoleMatrix.OtherDistrict), (UnionRoles.DistrictStaff, RoleMatrix.RecordDistrict),
                 })
            tokens[$"{role}/{district}"] = await AccessTokenAsync(role, district);
        return (roles, district) => tokens[$"{Assert.Single(roles)}/{district}"];
    }

    private async Task<string> SignedWithTheProvidersKeyAsync(string role)
    {
        var genuine = await AccessTokenAsync(UnionRoles.Auditor, null);
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(KeysFolder, "signing-key.pem")));
        var kid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(genuine).Kid;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            TokenType = "at+jwt", Issuer = "http://localhost/", Audience = global::UnionPlatform.Identity.Server.ProviderSetup.Audience,
            Subject = new System.Security.Claims.ClaimsIdentity([new("sub", Guid.NewGuid().ToString()), new("role", role)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                new Microsoft.IdentityModel.Tokens.RsaSecurityKey(rsa.ExportParameters(true)) { KeyId = kid },
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256),
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_keys, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed class KeepingLoggerProvider(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Keeping(category, log);
        public void Dispose() { }

        private sealed class Keeping(string category, ConcurrentQueue<string> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => true;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Enqueue($"{level} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
