using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace UnionPlatform.Identity.Server;

/// <summary>
/// The keys tokens are signed and their protected parts encrypted with. Production: certificates from
/// Identity:Keys:Certificates (a list of Path + Password; the first current one signs, all are published in the JWKS,
/// so a new certificate can be listed before the old one is retired). Development and tests: an RSA signing key and
/// an AES encryption key generated once into Identity:Keys:Folder and kept there, so tokens survive restarts.
/// </summary>
public static class SigningKeys
{
    public sealed class CertificateOptions
    {
        public string Path { get; set; } = "";
        public string? Password { get; set; }
    }

    public static void Configure(OpenIddictServerBuilder server, IConfiguration configuration, IHostEnvironment environment)
    {
        var certificates = configuration.GetSection("Identity:Keys:Certificates").Get<List<CertificateOptions>>() ?? [];
        if (certificates.Count > 0)
        {
            foreach (var options in certificates)
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.Path, options.Password, X509KeyStorageFlags.EphemeralKeySet);
                server.AddSigningCertificate(certificate).AddEncryptionCertificate(certificate);
            }
            return;
        }
        if (configuration["Identity:Keys:Folder"] is not { Length: > 0 } folder)
            throw new InvalidOperationException("Configure Identity:Keys:Certificates (production) or Identity:Keys:Folder (development).");
        if (environment.IsProduction())
            throw new InvalidOperationException("Identity:Keys:Folder holds development keys; production configures Identity:Keys:Certificates.");
        Directory.CreateDirectory(folder);
        server.AddSigningKey(SigningKey(Path.Combine(folder, "signing-key.pem")));
        server.AddEncryptionKey(EncryptionKey(Path.Combine(folder, "encryption-key.bin")));
    }

    private static RsaSecurityKey SigningKey(string file)
    {
        if (!File.Exists(file))
        {
            using var generated = RSA.Create(2048);
            WriteOnce(file, generated.ExportPkcs8PrivateKeyPem());
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(file));
        // A stable key id (from the public key), so services that cached the JWKS match it after a restart.
        var id = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();
        return new RsaSecurityKey(rsa) { KeyId = id };
    }

    private static SymmetricSecurityKey EncryptionKey(string file)
    {
        if (!File.Exists(file)) WriteOnce(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    // Owner-only, and created atomically: two replicas starting at once keep the first one's key.
    private static void WriteOnce(string file, string content)
    {
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, content);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try { File.Move(temporary, file, overwrite: false); }
        catch (IOException) when (File.Exists(file)) { File.Delete(temporary); }
    }
}
