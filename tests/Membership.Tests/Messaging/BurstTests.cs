using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Messaging;

namespace UnionPlatform.Membership.Tests.Messaging;

/// <summary>A service with a small pool (12) whose waits time out fast (5 s), so any starvation shows as errors.</summary>
public sealed class SmallPoolApp : MembershipApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Settings[$"ConnectionStrings:{ResourceNames.MembershipDb}"] = Database + ";Timeout=5";
        Settings["Database:MaxPoolSize"] = "12";
        Settings["Database:BackgroundConnections"] = "7";
        Settings["Database:PoolName"] = PoolName;
    }

    public string PoolName { get; } = "burst-" + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>API requests and event delivery share one pool: a burst of both must keep both progressing.</summary>
public class BurstTests(SmallPoolApp app) : IClassFixture<SmallPoolApp>
{
    [Fact]
    public async Task A_burst_of_requests_and_events_on_a_small_pool_completes_without_errors()
    {
        var admin = app.Admin();
        var world = await World.CreateAsync(admin, "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var bus = app.Services.GetRequiredService<IBus>();
        const int events = 2_000, requests = 150;

        // Evidence that nobody ever waited on the pool itself (where a wait ends in a timeout error): requests
        // queue in front of the endpoints and consumers at their gate, within their shares of the pool.
        long maxPending = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.connection.npgsql.pending_requests") listener.EnableMeasurementEvents(instrument);
            },
        };
        void Observe(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
                if (tag.Key == "db.client.connection.pool.name" && Equals(tag.Value, app.PoolName)) InterlockedMax(ref maxPending, value);
        }
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) => Observe(value, tags));
        meters.SetMeasurementEventCallback<int>((_, value, tags, _) => Observe(value, tags));
        meters.Start();
        using var sampling = new CancellationTokenSource();
        // The pending count is an observable gauge: it can only be sampled, so this paces the sampling (it proves
        // nothing by waiting; the burst's end is awaited on the evidence below).
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested) { meters.RecordObservableInstruments(); await Task.Delay(2); }
        });

        var publishing = Task.WhenAll(Enumerable.Range(0, events).Select(i => bus.Publish(new MemberJoined
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "burst", CorrelationId = Guid.NewGuid(),
            MemberId = Guid.NewGuid(), UnionId = Guid.NewGuid(), EnterpriseId = null, JoinedOn = new DateOnly(2026, 3, 1),
        })));
        var applying = Task.WhenAll(Enumerable.Range(0, requests).Select(_ => admin.PostAsJsonAsync("/api/members",
            new ApplyForMembership(World.NewNationalId(), "李娜", "13900139000", union, null))));
        await publishing;
        var responses = await applying;

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await MembershipApp.EventuallyAsync(() => app.WithDbAsync(async db =>
            await db.CoverageDeltas.Where(c => c.DistrictId == "burst").SumAsync(c => c.Members) == events), "every event was projected", seconds: 120);
        Assert.Equal(0u, await app.Services.GetRequiredService<DeadLetters>().CountAsync("membership-member-joined-coverage", CancellationToken.None));
        // The request side's own events made it too.
        await MembershipApp.EventuallyAsync(async () => await app.UnsentOutboxAsync() == 0, "the relay drained", seconds: 60);
        sampling.Cancel();
        await sampler;
        Assert.Equal(0, Interlocked.Read(ref maxPending));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
    }
}
