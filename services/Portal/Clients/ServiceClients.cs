using Microsoft.Extensions.Http.Resilience;
using UnionPlatform.Portal.SignIn;

namespace UnionPlatform.Portal.Clients;

public static class ServiceClients
{
    /// <summary>One HTTP client to the gateway and a typed client per service, all scoped to the person's circuit.</summary>
    public static WebApplicationBuilder AddServiceClients(this WebApplicationBuilder builder)
    {
        var gateway = builder.Configuration[$"{PortalAuthOptions.Section}:Gateway"] is { Length: > 0 } g ? g : "http://gateway/";
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers, below
        builder.Services.AddHttpClient(GatewayCaller.Client, c => c.BaseAddress = new Uri(gateway.EndsWith('/') ? gateway : gateway + "/"))
            // A page action is a POST a person clicked once: it must not be sent twice because the first answer was slow.
            // The defaults' handler retries every method, so it is replaced (the API is marked experimental).
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.DisableForUnsafeHttpMethods();
                // A person is waiting: two quick retries ride out a blip; a service that is down is said so in about a
                // second (the defaults' 3 retries from 2 s apart would keep the page loading for ~15 s first).
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(300);
            });
        builder.Services.AddHttpClient(GatewayCaller.UploadClient, c =>
            {
                c.BaseAddress = new Uri(gateway.EndsWith('/') ? gateway : gateway + "/");
                c.Timeout = TimeSpan.FromMinutes(15);
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddScoped<GatewayCaller>();
        builder.Services.AddScoped<MembershipClient>();
        builder.Services.AddScoped<HardshipClient>();
        builder.Services.AddScoped<IdentityClient>();
        builder.Services.AddScoped<Districts>();
        builder.Services.AddScoped<Components.Shared.Downloads>();
        return builder;
    }
}
