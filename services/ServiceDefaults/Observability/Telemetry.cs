using Npgsql;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
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
                // Parent-based: a trace is kept or dropped whole, and the same trace id decides alike in every service.
                // Telemetry:Tracing:SampleRatio: every trace in Development (the dashboard), 10% elsewhere, where
                // recording every span cost ~40% of a registration's .NET CPU at full load (10%: ~3%).
                .SetSampler(Sampler(builder.Configuration, builder.Environment.IsDevelopment()))
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

    /// <summary>The service's trace sampler, from Telemetry:Tracing:SampleRatio (default 1 in Development, else 0.1).</summary>
    public static Sampler Sampler(IConfiguration configuration, bool development)
    {
        var ratio = configuration.GetValue("Telemetry:Tracing:SampleRatio", development ? 1.0 : 0.1);
        if (ratio is not (>= 0 and <= 1)) throw new InvalidOperationException("Telemetry:Tracing:SampleRatio is between 0 and 1.");
        return new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio));
    }
}
