using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Trace;
using UnionPlatform.ServiceDefaults.Observability;

namespace UnionPlatform.Membership.Tests.Hosting;

/// <summary>
/// Traces the ratio left out are exported whole when a span failed or the root was slow, and dropped otherwise; the
/// provider is built as the services build theirs (Telemetry.Sampler, Telemetry.ExportProcessor), on a source of
/// its own so that the fixtures' listeners do not mark these spans recorded.
/// </summary>
public sealed class TailRetentionTests : IDisposable
{
    private readonly ActivitySource _source = new($"TailRetentionTests.{Guid.NewGuid():N}");
    private readonly Collected _exported = new();
    private readonly TracerProvider _provider;

    public TailRetentionTests() : this("0") { }

    private TailRetentionTests(string ratio, bool keep = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new("Telemetry:Tracing:SampleRatio", ratio), new("Telemetry:Tracing:SlowThreshold", "00:00:00.5"),
            new("Telemetry:Tracing:KeepFailedAndSlow", keep.ToString())]).Build();
        _provider = Sdk.CreateTracerProviderBuilder().AddSource(_source.Name)
            .SetSampler(Telemetry.Sampler(configuration, development: false))
            .AddProcessor(Telemetry.ExportProcessor(configuration, _exported)).Build()!;
    }

    private sealed class Collected : BaseExporter<Activity>
    {
        public readonly ConcurrentQueue<string> Names = new();
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch) Names.Enqueue(activity.DisplayName);
            return ExportResult.Success;
        }
    }

    private List<string> Exported()
    {
        Assert.True(_provider.ForceFlush(5_000));
        return [.. _exported.Names.Order()];
    }

    /// <summary>A request: two queries, the second failing or not, and a root that took the given time.</summary>
    private void Request(string name, bool fail = false, TimeSpan? took = null, ActivityContext remoteParent = default)
    {
        // Null when the sampler drops the trace outright (retention off).
        using (var root = _source.StartActivity(name, ActivityKind.Server, remoteParent))
        {
            if (took is { } duration) root?.SetStartTime(DateTime.UtcNow - duration);
            using (_source.StartActivity($"{name}.query1")) { }
            using (var second = _source.StartActivity($"{name}.query2"))
                if (fail) second?.SetStatus(ActivityStatusCode.Error);
        }
    }

    [Fact]
    public void A_fast_successful_trace_the_ratio_left_out_is_dropped()
    {
        Request("ok");
        Assert.Empty(Exported());
    }

    [Fact]
    public void A_trace_with_a_failed_span_is_exported_whole()
    {
        Request("ok");
        Request("failed", fail: true);
        Assert.Equal(["failed", "failed.query1", "failed.query2"], Exported());
    }

    [Fact]
    public void A_slow_trace_is_exported_whole()
    {
        Request("fast", took: TimeSpan.FromMilliseconds(10));
        Request("slow", took: TimeSpan.FromSeconds(2));
        Assert.Equal(["slow", "slow.query1", "slow.query2"], Exported());
    }

    [Fact]
    public void A_failed_root_under_a_parent_in_another_process_is_kept_too()
    {
        var remote = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);
        Request("consumer", remoteParent: remote);
        Request("failed-consumer", fail: true, remoteParent: remote);
        Assert.Equal(["failed-consumer", "failed-consumer.query1", "failed-consumer.query2"], Exported());
    }

    [Fact]
    public void A_span_that_ends_after_its_root_follows_the_roots_decision()
    {
        foreach (var (name, fail) in new[] { ("kept", true), ("dropped", false) })
        {
            Activity.Current = null; // each its own trace (stopping a span makes its parent current again)
            var root = _source.StartActivity(name, ActivityKind.Server)!;
            var late = _source.StartActivity($"{name}.late")!;
            if (fail) root.SetStatus(ActivityStatusCode.Error);
            root.Stop();
            late.Stop(); // e.g. a connection handed back after the response went out
        }
        Assert.Equal(["kept", "kept.late"], Exported());
    }

    [Fact]
    public void Sampled_traces_are_exported_as_they_end()
    {
        using var sampled = new TailRetentionTests("1");
        sampled.Request("ok");
        Assert.Equal(["ok", "ok.query1", "ok.query2"], sampled.Exported());
    }

    [Fact]
    public void With_retention_off_a_failed_trace_the_ratio_left_out_is_not_exported()
    {
        using var off = new TailRetentionTests("0", keep: false);
        off.Request("failed", fail: true);
        Assert.Empty(off.Exported());
    }

    public void Dispose()
    {
        _provider.Dispose();
        _source.Dispose();
    }
}
