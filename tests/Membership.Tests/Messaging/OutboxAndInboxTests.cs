using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Tests.Support;

namespace UnionPlatform.Membership.Tests.Messaging;

/// <summary>The outbox relay and the idempotent inbox, against the real PostgreSQL and RabbitMQ.</summary>
public class OutboxAndInboxTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    [Fact]
    public async Task The_event_row_commits_with_the_change_and_the_relay_marks_it_sent()
    {
        var world = await World.CreateAsync(app.Admin(), "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union);

        await MembershipApp.EventuallyAsync(() => app.WithDbAsync(db => db.InboxMessages.AnyAsync(i => i.Consumer == "MemberJoinedCoverage"
            && db.OutboxMessages.Any(o => o.MessageId == i.MessageId && o.PartitionKey == member.Id.ToString()))),
            "the coverage projection consumed the relayed MemberJoined");
        var row = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(o => o.PartitionKey == member.Id.ToString()));
        Assert.NotNull(row.SentAt);
        Assert.DoesNotContain("nationalId", row.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing()
    {
        var joined = new MemberJoined
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "redelivery", CorrelationId = Guid.NewGuid(),
            MemberId = Guid.NewGuid(), UnionId = Guid.NewGuid(), EnterpriseId = null, JoinedOn = new DateOnly(2026, 3, 1),
        };
        var messageId = Guid.NewGuid();
        for (var i = 0; i < 3; i++) await app.PublishAsync(joined, messageId);

        // Positive evidence that the duplicates were handled: a later event on the same queue is projected, and the
        // batch consumer takes its queue in order, one batch at a time.
        var sentinel = joined with { EventId = Guid.NewGuid(), DistrictId = "redelivery-sentinel", MemberId = Guid.NewGuid() };
        await app.PublishAsync(sentinel);
        await MembershipApp.EventuallyAsync(() => app.WithDbAsync(db => db.CoverageDeltas.AnyAsync(c => c.DistrictId == "redelivery-sentinel")),
            "the event after the duplicates is projected");
        var members = await app.WithDbAsync(db => db.CoverageDeltas.Where(c => c.DistrictId == "redelivery").SumAsync(c => c.Members));
        Assert.Equal(1, members);
    }

    [Fact]
    public async Task One_trace_follows_the_request_through_the_outbox_and_broker_to_the_consumers_write()
    {
        var world = await World.CreateAsync(app.Admin(), "gulou");
        var (union, _) = await world.UnionAsync("gulou");
        var member = await world.ActiveMemberAsync(union);

        var approve = await WaitForActivity(a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("approve")
            && a.GetTagItem("url.path") is string path && path.Contains(member.Id.ToString()));
        var trace = approve.TraceId;
        await MembershipApp.EventuallyAsync(() => Task.FromResult(app.Activities.Any(a => a.TraceId == trace && a.Source.Name == "MassTransit"
            && a.Kind == ActivityKind.Consumer)), "the consumer's span joins the request's trace");

        var spans = app.Activities.Where(a => a.TraceId == trace).ToList();
        Assert.Contains(spans, a => a.Source.Name == "Npgsql");                                    // the request's write
        var relay = Assert.Single(spans, a => a.Source.Name == "UnionPlatform" && a.Kind == ActivityKind.Producer); // the relay's publish
        var consumer = spans.First(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer);
        Assert.True(IsUnder(consumer, relay), "the consumer's span continues the relay's publish");
        await MembershipApp.EventuallyAsync(() => Task.FromResult(app.Activities.Any(a => a.Source.Name == "Npgsql" && IsUnder(a, consumer))),
            "the consumer's database write is in the trace");
    }

    // Walks up in-process parents; the top one's parent may be remote (from a message header), known only by its id.
    private static bool IsUnder(Activity span, Activity ancestor)
    {
        for (Activity? current = span; current is not null; current = current.Parent)
            if (current.ParentSpanId == ancestor.SpanId) return true;
        return false;
    }

    private async Task<Activity> WaitForActivity(Func<Activity, bool> match)
    {
        Activity? found = null;
        await MembershipApp.EventuallyAsync(() => Task.FromResult((found = app.Activities.FirstOrDefault(match)) is not null), "the span is recorded");
        return found!;
    }
}
