using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Contracts;

namespace UnionPlatform.Messaging;

public static class OutboxWriter
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stages an event for publication. It is stored by the caller's next SaveChanges, in the same transaction as
    /// the state change, and published by the relay after commit: no event without its change, no change without
    /// its event. <paramref name="partitionKey"/> is the aggregate whose events must keep their order.
    /// </summary>
    public static void Publish<TEvent>(this IOutboxDbContext db, TEvent @event, object partitionKey)
        where TEvent : class, IIntegrationEvent
    {
        var activity = Activity.Current;
        db.OutboxMessages.Add(OutboxMessage.Create(
            @event.EventId, typeof(TEvent), JsonSerializer.Serialize(@event, Json), partitionKey.ToString()!,
            @event.CorrelationId, @event.OccurredAt,
            TraceParent(activity), activity?.TraceStateString));
        if (db is DbContext context) OutboxSignalInterceptor.Staged(context);
    }

    /// <summary>The W3C traceparent the relay continues (other id formats cannot cross the broker).</summary>
    internal static string? TraceParent(Activity? activity) =>
        activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C ? id : null;
}
