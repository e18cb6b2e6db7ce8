using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UnionPlatform.Kernel.Privacy;

namespace UnionPlatform.Messaging.Data;

/// <summary>
/// Personal data at rest through EF Core: a string column stored encrypted (<see cref="IsPersonalData"/>), beside
/// it a keyed-hash column (bytea) for the unique index and exact lookups, since an encrypted column can be neither
/// indexed nor compared. Names that must stay searchable by prefix are not encrypted.
/// </summary>
public static class PersonalDataModel
{
    /// <summary>Stores the property as <see cref="PersonalDataProtector"/> ciphertext; reads decrypt it.</summary>
    public static PropertyBuilder<string> IsPersonalData(this PropertyBuilder<string> property, PersonalDataProtector protector) =>
        property.HasConversion(new ValueConverter<string, string>(v => protector.Protect(v), v => protector.Unprotect(v)));

    /// <summary>The protector from "PersonalData" (keys in configuration; the AppHost generates development keys).</summary>
    public static IHostApplicationBuilder AddPersonalDataProtection(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(PersonalDataOptions.Section).Get<PersonalDataOptions>() ?? new PersonalDataOptions();
        builder.Services.AddSingleton(new PersonalDataProtector(options));
        return builder;
    }
}
