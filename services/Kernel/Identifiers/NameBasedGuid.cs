using System.Security.Cryptography;
using System.Text;

namespace UnionPlatform.Kernel.Identifiers;

/// <summary>
/// RFC 9562 version-5 (name-based, SHA-1) identifiers: the same namespace and name always give the same id, and
/// different namespaces never meet. Used where a client's retry key must map to one server-side id without
/// letting the client choose a global id.
/// </summary>
public static class NameBasedGuid
{
    public static Guid Create(Guid @namespace, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        @namespace.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
