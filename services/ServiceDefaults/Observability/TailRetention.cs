using System.Collections.Concurrent;
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
/// threshold, else dropped. Sampled spans go straight through. A CompositeProcessor, so the exporter still learns its
/// provider (the service's resource). Bounded: past <see cref="MaxPendingRoots"/> unfinished roots new ones are not
/// held, and past <see cref="MaxSpansPerRoot"/> a trace keeps its first spans only.
/// </summary>
public sealed class TailRetention(BaseProcessor<Activity> export, TimeSpan slow) : CompositeProcessor<Activity>([export])
{
    public const int MaxPendingRoots = 10_000;
    public const int MaxSpansPerRoot = 512;

    private sealed class Held
    {
        public readonly List<Activity> Spans = [];
        public bool Failed;
    }

    private readonly ConcurrentDictionary<ActivitySpanId, Held> _held = new();

    public override void OnEnd(Activity activity)
    {
        if (activity.Recorded) { base.OnEnd(activity); return; }
        if (!activity.IsAllDataRequested) return;
        var failed = activity.Status == ActivityStatusCode.Error;

        var root = LocalRoot(activity);
        if (!ReferenceEquals(root, activity))
        {
            if (!_held.TryGetValue(root.SpanId, out var held))
            {
                if (_held.Count >= MaxPendingRoots) return;
                held = _held.GetOrAdd(root.SpanId, _ => new Held());
            }
            lock (held)
            {
                if (held.Spans.Count < MaxSpansPerRoot) held.Spans.Add(activity);
                held.Failed |= failed;
            }
            return;
        }

        _held.TryRemove(activity.SpanId, out var spans);
        var keep = failed || activity.Duration >= slow;
        if (spans is not null) lock (spans) keep |= spans.Failed;
        if (!keep) return;
        if (spans is not null)
            lock (spans)
                foreach (var span in spans.Spans) Export(span);
        Export(activity);
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
