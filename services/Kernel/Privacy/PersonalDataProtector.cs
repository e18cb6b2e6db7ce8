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
    private const int StackLimit = 512;
    private readonly byte[] _currentAad;
    private readonly string _currentPrefix;
    // The import and the seeder protect millions of values: building an AesGcm (key schedule) or an HMAC per value
    // cost more than the encryption. Neither is thread-safe, so one set per thread.
    private readonly ThreadLocal<ThreadState> _state;

    private sealed class ThreadState(byte[] hashKey)
    {
        private readonly Dictionary<string, AesGcm> _ciphers = new(StringComparer.Ordinal);
        private readonly byte[] _nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        public IncrementalHash Hmac { get; } = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, hashKey);

        /// <summary>
        /// A random 96-bit start, then a counter in its low 64 bits: unique within the thread by construction, and
        /// across threads and processes as unlikely to meet as random nonces (NIST SP 800-38D 8.2.1's counter form),
        /// at a fraction of a random draw's cost per value.
        /// </summary>
        public void NextNonce(Span<byte> nonce)
        {
            var counter = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_nonce.AsSpan(4));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(_nonce.AsSpan(4), unchecked(counter + 1));
            _nonce.CopyTo(nonce);
        }

        public AesGcm Cipher(string keyId, byte[] key)
        {
            if (!_ciphers.TryGetValue(keyId, out var cipher)) _ciphers[keyId] = cipher = new AesGcm(key, TagBytes);
            return cipher;
        }
    }

    public PersonalDataProtector(PersonalDataOptions options)
    {
        if (options.Keys.Count == 0 || string.IsNullOrWhiteSpace(options.CurrentKeyId) || string.IsNullOrWhiteSpace(options.HashKey))
            throw new InvalidOperationException($"Configure {PersonalDataOptions.Section}:CurrentKeyId, :Keys:<id> and :HashKey (base64, 32 bytes each).");
        _keys = options.Keys.ToDictionary(k => k.Key, k => Key(k.Value, $"{PersonalDataOptions.Section}:Keys:{k.Key}"), StringComparer.Ordinal);
        if (!_keys.ContainsKey(options.CurrentKeyId)) throw new InvalidOperationException($"{PersonalDataOptions.Section}:CurrentKeyId names no key.");
        if (options.CurrentKeyId.Contains(':')) throw new InvalidOperationException("A key id may not contain ':'.");
        _current = options.CurrentKeyId;
        _hashKey = Key(options.HashKey, $"{PersonalDataOptions.Section}:HashKey");
        _currentAad = Encoding.ASCII.GetBytes(_current);
        _currentPrefix = $"{Prefix}{_current}:";
        _state = new(() => new ThreadState(_hashKey));
        var configuration = string.Join("|", _keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={Convert.ToBase64String(k.Value)}"))
            + $"|current={_current}|hash={Convert.ToBase64String(_hashKey)}";
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(configuration)));
    }

    /// <summary>Tells protector configurations apart (equal keys, equal fingerprint); reveals nothing about the keys.</summary>
    public string Fingerprint { get; }

    /// <summary>The key new values are encrypted with.</summary>
    public string CurrentKeyId => _current;

    public string Protect(string plaintext)
    {
        var state = _state.Value!;
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var sealedLength = NonceBytes + plainLength + TagBytes;
        Span<byte> sealedValue = sealedLength <= StackLimit ? stackalloc byte[sealedLength] : new byte[sealedLength];
        var nonce = sealedValue[..NonceBytes];
        state.NextNonce(nonce);
        var cipherText = sealedValue.Slice(NonceBytes, plainLength);
        Encoding.UTF8.GetBytes(plaintext, cipherText); // encrypted in place
        state.Cipher(_current, _keys[_current]).Encrypt(nonce, cipherText, cipherText, sealedValue[(NonceBytes + plainLength)..], _currentAad);
        var prefix = _currentPrefix;
        var base64Length = (sealedLength + 2) / 3 * 4;
        Span<char> text = prefix.Length + base64Length <= StackLimit ? stackalloc char[prefix.Length + base64Length] : new char[prefix.Length + base64Length];
        prefix.CopyTo(text);
        Convert.TryToBase64Chars(sealedValue, text[prefix.Length..], out _);
        return new string(text);
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
        var plain = sealedValue.AsSpan(NonceBytes, sealedValue.Length - NonceBytes - TagBytes);
        _state.Value!.Cipher(keyId, key).Decrypt(sealedValue.AsSpan(0, NonceBytes), plain, sealedValue.AsSpan(NonceBytes + plain.Length), plain,
            Encoding.ASCII.GetBytes(keyId)); // decrypted in place
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The key id a stored value was written with (for re-encryption after a rotation).</summary>
    public static string? KeyIdOf(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) && stored.IndexOf(':', Prefix.Length) is var end and > 0 ? stored[Prefix.Length..end] : null;

    /// <summary>HMAC-SHA256 of the (already normalised) value: equal values, equal hashes; nothing else learnt.</summary>
    public byte[] Hash(string normalised)
    {
        var hmac = _state.Value!.Hmac;
        hmac.AppendData(Encoding.UTF8.GetBytes(normalised));
        return hmac.GetHashAndReset();
    }

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
