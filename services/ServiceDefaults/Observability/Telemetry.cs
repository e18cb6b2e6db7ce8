using Npgsql;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace UnionPlatform.ServiceDefaults.Observability;

public static class Telemetry
{
    /// <summary>Our own spans (the outbox relay); MassTransit, Npgsql and ASP.NET Core bring theirs.</summary>
    public const string SourceName = "UnionPlatform";
    public static readonly ActivitySource Source = new(SourceName);

    public static IHostApplicationBuilder AddUnionTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", SourceName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, SourceName, "MassTransit")
                .AddNpgsql()
                // Health probes every few seconds would drown the traces people look for.
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                    !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation());

        // The Aspire dashboard (or any collector) is reached through the standard OTLP variables.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();

        return builder;
    }
}
