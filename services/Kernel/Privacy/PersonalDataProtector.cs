using System.Security.Cryptography;
using System.Text;

namespace UnionPlatform.Kernel.Privacy;

/// <summary>
/// Keys for personal data at rest (PIPL's sensitive personal information: national IDs, phones, incomes, health,
/// case details). <see cref="Keys"/> maps a key id to a base64 256-bit AES key; <see cref="CurrentKeyId"/> encrypts
/// new values, every listed key still decrypts (rotation: add a key, make it current, re-encrypt, drop the old one).
/// <see cref="HashKey"/> keys the hash that finds and de-duplicates values without decrypting them.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    public string? CurrentKeyId { get; set; }
    public Dictionary<string, string> Keys { get; set; } = [];
    public string? HashKey { get; set; }
}

/// <summary>
/// AES-256-GCM per value: "pd1:{keyId}:{base64(nonce ‖ ciphertext ‖ tag)}", a fresh 96-bit nonce each time, the key id
/// bound as associated data so a value cannot be passed off under another key. The keyed hash (HMAC-SHA256) is
/// deterministic, for the unique index on national IDs and exact lookups; it reveals nothing without the hash key.
/// </summary>
public sealed class PersonalDataProtector
{
    public const string Prefix = "pd1:";
    private const int NonceBytes = 12, TagBytes = 16, KeyBytes = 32;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _current;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(PersonalDataOptions options)
    {
        if (options.Keys.Count == 0 || string.IsNullOrWhiteSpace(options.CurrentKeyId) || string.IsNullOrWhiteSpace(options.HashKey))
            throw new InvalidOperationException($"Configure {PersonalDataOptions.Section}:CurrentKeyId, :Keys:<id> and :HashKey (base64, 32 bytes each).");
        _keys = options.Keys.ToDictionary(k => k.Key, k => Key(k.Value, $"{PersonalDataOptions.Section}:Keys:{k.Key}"), StringComparer.Ordinal);
        if (!_keys.ContainsKey(options.CurrentKeyId)) throw new InvalidOperationException($"{PersonalDataOptions.Section}:CurrentKeyId names no key.");
        if (options.CurrentKeyId.Contains(':')) throw new InvalidOperationException("A key id may not contain ':'.");
        _current = options.CurrentKeyId;
        _hashKey = Key(options.HashKey, $"{PersonalDataOptions.Section}:HashKey");
    }

    public string Protect(string plaintext)
    {
        var key = _keys[_current];
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedValue.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceBytes, plain.Length), sealedValue.AsSpan(NonceBytes + plain.Length), Encoding.ASCII.GetBytes(_current));
        return $"{Prefix}{_current}:{Convert.ToBase64String(sealedValue)}";
    }

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) throw new CryptographicException("Not a protected value.");
        var separator = stored.IndexOf(':', Prefix.Length);
        if (separator < 0) throw new CryptographicException("A protected value names its key.");
        var keyId = stored[Prefix.Length..separator];
        if (!_keys.TryGetValue(keyId, out var key)) throw new CryptographicException($"No key '{keyId}' is configured (was it retired too early?).");
        var sealedValue = Convert.FromBase64String(stored[(separator + 1)..]);
        if (sealedValue.Length < NonceBytes + TagBytes) throw new CryptographicException("A protected value is too short.");
        var plain = new byte[sealedValue.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedValue.AsSpan(0, NonceBytes), sealedValue.AsSpan(NonceBytes, plain.Length), sealedValue.AsSpan(NonceBytes + plain.Length), plain,
            Encoding.ASCII.GetBytes(keyId));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The key id a stored value was written with (for re-encryption after a rotation).</summary>
    public static string? KeyIdOf(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) && stored.IndexOf(':', Prefix.Length) is var end and > 0 ? stored[Prefix.Length..end] : null;

    /// <summary>HMAC-SHA256 of the (already normalised) value: equal values, equal hashes; nothing else learnt.</summary>
    public byte[] Hash(string normalised) => HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(normalised));

    /// <summary>A new random key, base64, for configuration (and the AppHost's development keys).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    private static byte[] Key(string base64, string name)
    {
        byte[] key;
        try { key = Convert.FromBase64String(base64); }
        catch (FormatException) { throw new InvalidOperationException($"{name} is not base64."); }
        return key.Length == KeyBytes ? key : throw new InvalidOperationException($"{name} must be {KeyBytes} bytes.");
    }
}
