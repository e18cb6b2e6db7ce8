using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UnionPlatform.AppHost.Infrastructure;

namespace UnionPlatform.AppHost;

/// <summary>Logs when each resource is ready (seconds since the AppHost started) and, at the end, where to go.</summary>
public static class StartupReport
{
    public static IDistributedApplicationBuilder ReportStartup(
        this IDistributedApplicationBuilder builder, InfrastructureMode mode, IResourceBuilder<IResourceWithEndpoints> gateway)
    {
        var started = Process.GetCurrentProcess().StartTime;
        var dashboard = builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "(see the dashboard login line)";

        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            Logger(e.Services).LogInformation("Infrastructure: {Mode}. Dashboard: {Dashboard}", mode, dashboard);
            return Task.CompletedTask;
        });

        builder.Eventing.Subscribe<ResourceReadyEvent>((e, _) =>
        {
            if (e.Resource is ParameterResource) return Task.CompletedTask;
            var urls = HttpUrls(e.Resource);
            Logger(e.Services).LogInformation("{Resource} ready after {Seconds:F1} s {Urls}",
                e.Resource.Name, (DateTime.Now - started).TotalSeconds, urls.Count == 0 ? "" : string.Join(" ", urls));
            return Task.CompletedTask;
        });

        builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (e, _) =>
        {
            var gatewayUrl = HttpUrls(e.Resource).FirstOrDefault() ?? "(no http endpoint)";
            var management = e.Services.GetRequiredService<DistributedApplicationModel>().Resources
                .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>())
                .FirstOrDefault(endpoint => endpoint.Name == "management")?.AllocatedEndpoint?.UriString;
            Logger(e.Services).LogInformation(
                "UnionPlatform is up. Staff portal: {Portal}  API docs: {Docs}  Dashboard: {Dashboard}  RabbitMQ management: {Management}",
                $"{gatewayUrl}/", $"{gatewayUrl}/scalar", dashboard, management ?? "(none)");
            return Task.CompletedTask;
        });

        return builder;
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("UnionPlatform.AppHost");

    private static List<string> HttpUrls(IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>()
            .Where(e => e.UriScheme is "http" or "https" && e.AllocatedEndpoint is not null)
            .Select(e => e.AllocatedEndpoint!.UriString)
            .ToList();
}
