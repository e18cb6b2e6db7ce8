using Npgsql;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
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
        // The Aspire dashboard (or any collector) is reached through the standard OTLP variables.
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var configuration = builder.Configuration;
        var development = builder.Environment.IsDevelopment();

        builder.Services.AddOpenTelemetry()
            .WithLogging(logging => { if (otlp) logging.AddOtlpExporter(); }, options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("MassTransit", SourceName);
                if (otlp) metrics.AddOtlpExporter();
            })
            .WithTracing(tracing =>
            {
                // Parent-based: a trace is kept or dropped whole, and the same trace id decides alike in every service.
                // Telemetry:Tracing:SampleRatio: every trace in Development (the dashboard), 10% elsewhere; failed and
                // slow traces are kept whole besides (TailRetention). What each costs: tests/Benchmarks scenario 7.
                tracing.SetSampler(Sampler(configuration, development))
                    .AddSource(builder.Environment.ApplicationName, SourceName, "MassTransit")
                    .AddNpgsql()
                    // Health probes every few seconds would drown the traces people look for.
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx =>
                        !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/alive"))
                    .AddHttpClientInstrumentation();
                if (otlp) tracing.AddProcessor(_ => ExportProcessor(configuration, new OtlpTraceExporter(TraceExporterOptions(configuration))));
            });

        return builder;
    }

    /// <summary>
    /// The export pipeline for traces: batched, behind <see cref="TailRetention"/> when Telemetry:Tracing:KeepFailedAndSlow
    /// (default on), so traces that failed or took longer than Telemetry:Tracing:SlowThreshold (default 500 ms) are
    /// exported whole although the ratio left them out.
    /// </summary>
    public static BaseProcessor<Activity> ExportProcessor(IConfiguration configuration, BaseExporter<Activity> exporter)
    {
        var batch = new BatchActivityExportProcessor(exporter);
        if (!KeepFailedAndSlow(configuration)) return batch;
        var slow = configuration.GetValue("Telemetry:Tracing:SlowThreshold", TimeSpan.FromMilliseconds(500));
        if (slow <= TimeSpan.Zero) throw new InvalidOperationException("Telemetry:Tracing:SlowThreshold is a positive time span.");
        return new TailRetention(batch, slow);
    }

    // The standard OTLP settings, read from configuration like the log and metric exporters' (not only the environment).
    private static OtlpExporterOptions TraceExporterOptions(IConfiguration configuration)
    {
        var endpoint = new Uri(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]!);
        var http = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf";
        return new OtlpExporterOptions
        {
            Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc,
            // Set in code, an HTTP endpoint is taken as the full path of the traces resource.
            Endpoint = http ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/v1/traces") : endpoint,
            Headers = configuration["OTEL_EXPORTER_OTLP_HEADERS"],
        };
    }

    private static bool KeepFailedAndSlow(IConfiguration configuration) =>
        configuration.GetValue("Telemetry:Tracing:KeepFailedAndSlow", true);

    /// <summary>The service's trace sampler, from Telemetry:Tracing:SampleRatio (default 1 in Development, else 0.1).</summary>
    public static Sampler Sampler(IConfiguration configuration, bool development)
    {
        var ratio = configuration.GetValue("Telemetry:Tracing:SampleRatio", development ? 1.0 : 0.1);
        if (ratio is not (>= 0 and <= 1)) throw new InvalidOperationException("Telemetry:Tracing:SampleRatio is between 0 and 1.");
        var sampler = new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio));
        // What the ratio leaves out is still recorded (not exported) when failed and slow traces are kept whole.
        return ratio < 1 && KeepFailedAndSlow(configuration) ? new RetainingSampler(sampler) : sampler;
    }
}
