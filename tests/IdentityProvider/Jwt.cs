using System.Text.Json;

namespace UnionPlatform.Testing.Identity;

/// <summary>Reads a JWT's payload (no validation: the services do that; tests look at what was issued).</summary>
public static class Jwt
{
    public static JsonElement Payload(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + (4 - part.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(part)).RootElement;
    }

    public static string? Claim(string token, string name) =>
        Payload(token).TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.Array ? value[0].GetString() : value.ToString() : null;
}
