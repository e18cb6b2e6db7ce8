using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace UnionPlatform.ServiceDefaults.Observability;

/// <summary>
/// Records, without exporting, the traces the ratio sampler leaves out, so that <see cref="TailRetention"/> can still
/// export one whole when it fails or is slow. Sampled traces pass through untouched.
/// </summary>
public sealed class RetainingSampler(Sampler ratio) : Sampler
{
    private static readonly SamplingResult RecordOnly = new(SamplingDecision.RecordOnly);

    public override SamplingResult ShouldSample(in SamplingParameters parameters)
    {
        var result = ratio.ShouldSample(parameters);
        return result.Decision == SamplingDecision.RecordAndSample ? result : RecordOnly;
    }
}

/// <summary>
/// Tail retention in front of the exporter: spans of a trace the sampler did not pick are held until their local root
/// ends; the whole local trace is then exported if any of its spans failed or the root took longer than the slow
/// threshold, else dropped. Sampled spans go straight through. The held spans hang off the root activity itself (a
/// custom property), so they live and die with it: no table to leak when a root never ends, and a span that ends after
/// its root follows the root's decision. At most <see cref="MaxSpansPerRoot"/> spans are held per root. A
/// CompositeProcessor, so the exporter still learns its provider (the service's resource).
/// </summary>
public sealed class TailRetention(BaseProcessor<Activity> export, TimeSpan slow) : CompositeProcessor<Activity>([export])
{
    public const int MaxSpansPerRoot = 512;
    private const string HeldProperty = "unionplatform.tail-retention";

    private sealed class Held
    {
        public readonly List<Activity> Spans = [];
        public bool Failed;
        /// <summary>Set when the root ended: whether the trace was kept (later spans follow it).</summary>
        public bool? Kept;
    }

    public override void OnEnd(Activity activity)
    {
        if (activity.Recorded) { base.OnEnd(activity); return; }
        if (!activity.IsAllDataRequested) return;
        var failed = activity.Status == ActivityStatusCode.Error;
        var root = LocalRoot(activity);

        if (!ReferenceEquals(root, activity))
        {
            bool? kept;
            lock (root)
            {
                var held = HeldBy(root);
                kept = held.Kept;
                if (kept is null)
                {
                    if (held.Spans.Count < MaxSpansPerRoot) held.Spans.Add(activity);
                    held.Failed |= failed;
                    return;
                }
            }
            if (kept == true) Export(activity); // ended after its root, which was kept
            return;
        }

        List<Activity> spans;
        lock (root)
        {
            var held = HeldBy(root);
            held.Kept = failed || held.Failed || activity.Duration >= slow;
            if (held.Kept == false) { held.Spans.Clear(); return; }
            spans = [.. held.Spans];
            held.Spans.Clear();
        }
        foreach (var span in spans) Export(span);
        Export(activity);
    }

    private static Held HeldBy(Activity root)
    {
        if (root.GetCustomProperty(HeldProperty) is Held held) return held;
        held = new Held();
        root.SetCustomProperty(HeldProperty, held);
        return held;
    }

    private void Export(Activity span)
    {
        span.ActivityTraceFlags |= ActivityTraceFlags.Recorded; // the export processor skips spans not marked recorded
        base.OnEnd(span);
    }

    // The outermost span of this trace in this process: its parent, if any, is in another process.
    private static Activity LocalRoot(Activity activity)
    {
        var root = activity;
        while (root.Parent is { } parent) root = parent;
        return root;
    }
}
