using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.ServiceDefaults.Http;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Messaging;

/// <summary>A parked outbox row as ops see it: what it is and why it failed (never its body).</summary>
public sealed record ParkedRow(long Id, Guid MessageId, string MessageType, string PartitionKey, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? ParkedAt);

public sealed record OutboxView(long Pending, double OldestUnsentSeconds, long Parked);

public sealed record RedriveParked(IReadOnlyList<long>? Ids);

/// <summary>
/// GET /ops/outbox, GET /ops/outbox/parked and POST /ops/outbox/parked/redrive, for city admins: the outbox's state,
/// the rows the relay set aside, and putting them back once the cause (a missing contract, a refused body) is fixed.
/// </summary>
public static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxEndpoints<TContext>(this IEndpointRouteBuilder app) where TContext : DbContext, IOutboxDbContext
    {
        var ops = app.MapGroup("/ops/outbox").RequireAuthorization(UnionPolicies.CityAdmin).WithTags("Operations");
        // Handlers take HttpContext and resolve the service's own types: the route analyzer cannot follow a generic parameter.
        ops.MapGet("/", (HttpContext http, CancellationToken ct) =>
                OutboxHandlers<TContext>.Status(http.RequestServices.GetRequiredService<OutboxMonitor<TContext>>(), ct)).WithName("GetOutboxStatus")
            .WithSummary("How many events wait to be published, how old the oldest is, how many are parked.");
        ops.MapGet("/parked", (int? limit, HttpContext http, CancellationToken ct) =>
                OutboxHandlers<TContext>.Parked(limit, http.RequestServices.GetRequiredService<TContext>(), ct)).WithName("ListParkedOutboxRows")
            .WithSummary("Events the relay set aside after they failed too often, oldest first.");
        ops.MapPost("/parked/redrive", (RedriveParked? body, OutboxSignal signal, HttpContext http, CancellationToken ct) =>
                OutboxHandlers<TContext>.Redrive(body, http.RequestServices.GetRequiredService<TContext>(), signal, ct)).WithName("RedriveParkedOutboxRows")
            .WithSummary("Puts parked events (all, or the ids given) back in line; the relay publishes them in order.");
        return app;
    }
}

/// <summary>The handlers, one generic class per service's context.</summary>
public static class OutboxHandlers<TContext> where TContext : DbContext, IOutboxDbContext
{
    public static async Task<Ok<OutboxView>> Status(OutboxMonitor<TContext> monitor, CancellationToken ct)
    {
        var snapshot = await monitor.MeasureAsync(ct);
        return TypedResults.Ok(new OutboxView(snapshot.Pending, Math.Round(snapshot.OldestAge.TotalSeconds, 1), snapshot.Parked));
    }

    public static async Task<Results<Ok<List<ParkedRow>>, ValidationProblem>> Parked(int? limit, TContext db, CancellationToken ct)
    {
        if (limit is < 1 or > 1000) return new Validation().Add("limit", "Between 1 and 1000.").Problem();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.ParkedAt != null && m.SentAt == null).OrderBy(m => m.Id).Take(limit ?? 100)
            .Select(m => new ParkedRow(m.Id, m.MessageId, m.MessageType, m.PartitionKey, m.Attempts, m.LastError, m.CreatedAt, m.ParkedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Ok<RedriveResult>> Redrive(RedriveParked? body, TContext db, OutboxSignal signal, CancellationToken ct)
    {
        var ids = body?.Ids;
        var query = db.OutboxMessages.Where(m => m.ParkedAt != null && m.SentAt == null);
        if (ids is { Count: > 0 }) query = query.Where(m => ids.Contains(m.Id));
        var moved = await query.ExecuteUpdateAsync(s => s.SetProperty(m => m.ParkedAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0), ct);
        signal.Notify();
        return TypedResults.Ok(new RedriveResult(moved));
    }

}

public sealed record RedriveResult(int Moved);
