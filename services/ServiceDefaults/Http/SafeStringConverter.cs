using System.Text.Json;
using System.Text.Json.Serialization;
using UnionPlatform.Kernel.Text;

namespace UnionPlatform.ServiceDefaults.Http;

/// <summary>
/// Every string a request body carries passes <see cref="SafeText"/>: one check for every text field of every API.
/// The exception keeps its JSON path, so <see cref="BadRequestExceptionHandler"/> names the field.
/// </summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        string value;
        try { value = reader.GetString()!; }
        catch (InvalidOperationException) { throw new UnsafeTextException(); } // an escaped lone surrogate
        return SafeText.IsSafe(value) ? value : throw new UnsafeTextException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A string field holding text <see cref="SafeText"/> refuses.</summary>
public sealed class UnsafeTextException() : JsonException(SafeText.Message);
