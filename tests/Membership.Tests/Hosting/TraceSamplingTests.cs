using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;
using UnionPlatform.ServiceDefaults.Observability;

namespace UnionPlatform.Membership.Tests.Hosting;

/// <summary>
/// Telemetry:Tracing:SampleRatio keeps that share of traces, whole: a kept root keeps its children, a dropped one
/// drops them. The sampler is asked directly: in a test process other listeners (the fixtures') record every span.
/// </summary>
public class TraceSamplingTests
{
    private static Sampler SamplerFor(string? ratio, bool development = false, bool keepFailedAndSlow = true) => Telemetry.Sampler(
        new ConfigurationBuilder().AddInMemoryCollection([new("Telemetry:Tracing:KeepFailedAndSlow", keepFailedAndSlow.ToString())])
            .AddInMemoryCollection(ratio is null ? [] : [new("Telemetry:Tracing:SampleRatio", ratio)]).Build(), development);

    private static SamplingDecision Root(Sampler sampler, ActivityTraceId traceId) =>
        sampler.ShouldSample(new SamplingParameters(default, traceId, "root", ActivityKind.Server)).Decision;

    private static SamplingDecision Child(Sampler sampler, ActivityTraceId traceId, bool parentSampled) =>
        sampler.ShouldSample(new SamplingParameters(new ActivityContext(traceId, ActivitySpanId.CreateRandom(),
            parentSampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None), traceId, "child", ActivityKind.Internal)).Decision;

    [Fact]
    public void Development_keeps_every_trace_and_elsewhere_a_tenth_by_default()
    {
        var development = SamplerFor(null, development: true);
        Assert.All(Enumerable.Range(0, 200), _ => Assert.Equal(SamplingDecision.RecordAndSample, Root(development, ActivityTraceId.CreateRandom())));
        var elsewhere = SamplerFor(null);
        Assert.InRange(Enumerable.Range(0, 2000).Count(_ => Root(elsewhere, ActivityTraceId.CreateRandom()) == SamplingDecision.RecordAndSample), 100, 300);
    }

    [Fact]
    public void A_ratio_keeps_that_share_of_traces_and_children_follow_their_parent()
    {
        var sampler = SamplerFor("0.1");
        var ids = Enumerable.Range(0, 2000).Select(_ => ActivityTraceId.CreateRandom()).ToList();
        var kept = ids.Where(id => Root(sampler, id) == SamplingDecision.RecordAndSample).ToList();
        Assert.InRange(kept.Count, 100, 300); // 10% of 2,000 ± 7σ
        Assert.All(ids, id => Assert.Equal(Root(sampler, id), Root(sampler, id))); // the same trace id decides alike everywhere
        Assert.All(ids.Take(200), id => Assert.Equal(SamplingDecision.RecordAndSample, Child(sampler, id, parentSampled: true)));
        // Left out by the ratio: recorded but not exported, so that a failed or slow one can still be kept whole.
        Assert.All(ids.Take(200), id => Assert.Equal(SamplingDecision.RecordOnly, Child(sampler, id, parentSampled: false)));
        Assert.All(ids.Where(id => !kept.Contains(id)).Take(200), id => Assert.Equal(SamplingDecision.RecordOnly, Root(sampler, id)));
    }

    [Fact]
    public void Without_tail_retention_what_the_ratio_leaves_out_is_not_recorded_at_all()
    {
        var sampler = SamplerFor("0.1", keepFailedAndSlow: false);
        var ids = Enumerable.Range(0, 500).Select(_ => ActivityTraceId.CreateRandom()).ToList();
        Assert.All(ids.Take(200), id => Assert.Equal(SamplingDecision.Drop, Child(sampler, id, parentSampled: false)));
        Assert.Contains(ids, id => Root(sampler, id) == SamplingDecision.Drop);
    }

    [Fact]
    public void A_ratio_outside_0_to_1_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SamplerFor("1.5"));
        Assert.Contains("SampleRatio", error.Message);
    }
}
