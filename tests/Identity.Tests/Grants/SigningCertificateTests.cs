using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using UnionPlatform.Testing.Identity;
using UnionPlatform.ServiceDefaults.Security;
using UnionPlatform.Testing.Oidc;

namespace UnionPlatform.Identity.Tests.Grants;

/// <summary>
/// Production keys are certificates (Identity:Keys:Certificates). Rotation: a new certificate is listed before it is
/// valid, so it is published in the JWKS (services cache it) while the current one still signs.
/// </summary>
public sealed class SigningCertificateTests : IAsyncLifetime
{
    private readonly IdentityApp _app = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"identity-certs-{Guid.NewGuid():N}");
    private X509Certificate2 _current = null!, _next = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var now = DateTimeOffset.UtcNow;
        _current = Certificate("current", now.AddDays(-1), now.AddYears(1));
        _next = Certificate("next", now.AddDays(30), now.AddYears(2));
        foreach (var (certificate, i) in new[] { (_current, 0), (_next, 1) })
        {
            var path = Path.Combine(_folder, $"{i}.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
            _app.Settings[$"Identity:Keys:Certificates:{i}:Path"] = path;
            _app.Settings[$"Identity:Keys:Certificates:{i}:Password"] = "pfx-password";
        }
        await _app.InitializeAsync();
    }

    private static X509Certificate2 Certificate(string name, DateTimeOffset from, DateTimeOffset to)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=unionplatform-identity-{name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        return request.CreateSelfSigned(from, to);
    }

    [Fact]
    public async Task Both_certificates_are_published_and_the_valid_one_signs()
    {
        using var http = _app.CreateClient();
        var keys = JsonDocument.Parse(await http.GetStringAsync(".well-known/jwks")).RootElement.GetProperty("keys")
            .EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(_current.Thumbprint, keys);
        Assert.Contains(_next.Thumbprint, keys);

        var account = await _app.AccountAsync(UnionRoles.Auditor);
        var tokens = await _app.SignIn().SignInAsync(new SignInClient.Person(account.UserName!, IdentityApp.Password));
        Assert.Equal(_current.Thumbprint, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(tokens!.AccessToken).Kid);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
