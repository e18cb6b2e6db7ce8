namespace UnionPlatform.Contracts;

/// <summary>
/// What every event that leaves a service carries. Ids only: never a national ID, an income or case details,
/// because other city agencies subscribe to these events.
/// </summary>
public interface IIntegrationEvent
{
    /// <summary>Unique per event; subscribers use it (with the transport message id) to ignore redeliveries.</summary>
    Guid EventId { get; }

    /// <summary>When the change happened, UTC.</summary>
    DateTimeOffset OccurredAt { get; }

    /// <summary>The district the change belongs to (its code, e.g. "jiangan").</summary>
    string DistrictId { get; }

    /// <summary>Ties together the events of one business conversation (a request, an import, a saga).</summary>
    Guid CorrelationId { get; }
}
