using System.Diagnostics;
using UnionPlatform.Membership.Data;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Testing;

namespace UnionPlatform.Membership.Tests.Support;

/// <summary>The Membership service against the real test servers, recording every span for trace assertions.</summary>
public class MembershipApp() : ServiceApp<Program, MembershipDbContext>(ResourceNames.MembershipDb, "membership")
{
    private readonly List<Activity> _activities = [];
    private ActivityListener? _listener;

    /// <summary>Every span the process produced (HTTP, EF/Npgsql, outbox relay, MassTransit).</summary>
    public IReadOnlyList<Activity> Activities { get { lock (_activities) return _activities.ToList(); } }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "UnionPlatform" or "MassTransit" or "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_activities) _activities.Add(a); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    protected override Task OnDisposeAsync()
    {
        _listener?.Dispose();
        return Task.CompletedTask;
    }
}
