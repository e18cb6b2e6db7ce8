using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.EntityFrameworkCore.ValueGeneration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UnionPlatform.Kernel.Privacy;

namespace UnionPlatform.Messaging.Data;

/// <summary>
/// Personal data at rest through EF Core. A configuration marks a property <see cref="IsPersonalData{T}"/> (stored as
/// <see cref="PersonalDataProtector"/> ciphertext in a text column, decrypted on read) and may add a keyed-hash column
/// beside one (<see cref="HasKeyedHash{T}"/>, bytea, written on insert) for the unique index and exact lookups, since
/// ciphertext can be neither indexed nor compared. Names that must stay searchable by prefix are not encrypted.
/// The context applies the converters with <see cref="ProtectPersonalData"/>: configurations hold no keys.
/// Never compare a marked property in a query: the constant is encrypted with a fresh nonce and matches nothing;
/// look values up by their hash column.
/// </summary>
public static class PersonalDataModel
{
    private const string Marker = "UnionPlatform:PersonalData";
    private const string HashOf = "UnionPlatform:KeyedHashOf";
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<T> IsPersonalData<T>(this PropertyBuilder<T> property) => property.HasAnnotation(Marker, true);

    /// <summary>A shadow bytea property holding the keyed hash of <paramref name="source"/> (a string set before insert, never changed).</summary>
    public static PropertyBuilder<byte[]> HasKeyedHash<T>(this EntityTypeBuilder<T> entity, string source, string hashProperty) where T : class =>
        entity.Property<byte[]>(hashProperty).IsRequired().HasAnnotation(HashOf, source).ValueGeneratedOnAdd();

    internal static bool IsMarked(IReadOnlyProperty property) => property.FindAnnotation(Marker) is not null;

    internal static string? HashSource(IReadOnlyProperty property) => property.FindAnnotation(HashOf)?.Value as string;

    /// <summary>Call last in OnModelCreating: encrypts every marked property with the context's protector.</summary>
    public static void ProtectPersonalData(this ModelBuilder model, DbContextOptions options)
    {
        var protector = options.FindExtension<PersonalDataExtension>()?.Protector
            ?? throw new InvalidOperationException("This context stores personal data: configure it with UsePersonalData(protector).");
        foreach (var property in model.Model.GetEntityTypes().SelectMany(t => t.GetDeclaredProperties()))
        {
            if (property.FindAnnotation(Marker) is not null)
            {
                property.SetValueConverter(ConverterFor(property.ClrType, protector));
                if (ComparerFor(property.ClrType) is { } comparer) property.SetValueComparer(comparer);
            }
            if (property.FindAnnotation(HashOf)?.Value is string source)
                property.SetValueGeneratorFactory((_, _) => new KeyedHashGenerator(protector, source));
        }
    }

    /// <summary>The protector every context of this application encrypts with (one model per protector).</summary>
    public static TBuilder UsePersonalData<TBuilder>(this TBuilder options, PersonalDataProtector protector) where TBuilder : DbContextOptionsBuilder
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new PersonalDataExtension(protector));
        return options;
    }

    /// <summary>The protector from "PersonalData" (keys in configuration; the AppHost generates development keys).</summary>
    public static PersonalDataProtector AddPersonalDataProtection(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PersonalDataOptions.Section).Get<PersonalDataOptions>() ?? new PersonalDataOptions();
        var protector = new PersonalDataProtector(options);
        builder.Services.AddSingleton(protector);
        return protector;
    }

    /// <summary>The protector a context was configured with, for writers that bypass the model (COPY).</summary>
    public static PersonalDataProtector GetPersonalDataProtector(this DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<PersonalDataExtension>()?.Protector
        ?? throw new InvalidOperationException("This context has no personal data protection configured.");

    /// <summary>Throwaway keys for `dotnet ef` at design time: migrations need the model's shape, never a key.</summary>
    public static PersonalDataProtector DesignTimeProtector() => new(new PersonalDataOptions
    {
        CurrentKeyId = "design", Keys = { ["design"] = PersonalDataProtector.NewKey() }, HashKey = PersonalDataProtector.NewKey(),
    });

    private static ValueConverter ConverterFor(Type type, PersonalDataProtector protector) => type == typeof(string)
        ? new ValueConverter<string, string>(v => protector.Protect(v), v => protector.Unprotect(v))
        : (ValueConverter)Activator.CreateInstance(typeof(JsonConverter<>).MakeGenericType(type), protector)!;

    // Collections are compared by content: EF's snapshot would otherwise miss a changed list.
    private static ValueComparer? ComparerFor(Type type) =>
        type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            ? (ValueComparer)Activator.CreateInstance(typeof(JsonComparer<>).MakeGenericType(type))! : null;

    private sealed class JsonConverter<T>(PersonalDataProtector protector) : ValueConverter<T, string>(
        v => protector.Protect(JsonSerializer.Serialize(v, Json)), v => JsonSerializer.Deserialize<T>(protector.Unprotect(v), Json)!);

    private sealed class JsonComparer<T>() : ValueComparer<T>(
        (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
        v => JsonSerializer.Serialize(v, Json).GetHashCode(),
        v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Json), Json)!);

    private sealed class KeyedHashGenerator(PersonalDataProtector protector, string source) : ValueGenerator<byte[]>
    {
        public override bool GeneratesTemporaryValues => false;

        public override byte[] Next(EntityEntry entry) =>
            protector.Hash(entry.Property(source).CurrentValue as string ?? throw new InvalidOperationException($"{source} is required."));
    }
}

/// <summary>
/// Carries the protector in the context options. The converters in the model capture it, so the model is cached per
/// protector configuration (<see cref="PersonalDataModelCacheKeyFactory"/>) while EF's internal services stay shared.
/// </summary>
internal sealed class PersonalDataExtension(PersonalDataProtector protector) : IDbContextOptionsExtension
{
    public PersonalDataProtector Protector => protector;
    public DbContextOptionsExtensionInfo Info => field ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        services.AddSingleton<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>();

    public void Validate(IDbContextOptions options) { }

    private sealed class ExtensionInfo(PersonalDataExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "using personal data protection ";
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) { }
    }
}

/// <summary>One model per context type and protector configuration: protectors with the same keys share one.</summary>
internal sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), designTime, context.GetService<IDbContextOptions>().FindExtension<PersonalDataExtension>()?.Protector.Fingerprint);
}
