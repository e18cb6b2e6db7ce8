using UnionPlatform.Contracts.HardshipAid;
using UnionPlatform.HardshipAid.Domain;

namespace UnionPlatform.HardshipAid.Messaging;

/// <summary>Builds the integration events. Ids, categories and dates only: never income, household, causes or a national ID.</summary>
public static class HardshipEvents
{
    public static HardshipFileFiled Filed(HardshipFile f, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = f.DistrictId, CorrelationId = correlationId,
        FileId = f.Id, MemberId = f.MemberId, UnionId = f.UnionId, Category = f.Category!.Value.ToString(),
        FiledOn = f.FiledOn!.Value, ReviewDueOn = f.ReviewDueOn!.Value,
    };

    public static HardshipCategoryChanged CategoryChanged(HardshipFile f, CategoryChange change, DateOnly effectiveOn, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = f.DistrictId, CorrelationId = correlationId,
        FileId = f.Id, MemberId = f.MemberId, FromCategory = change.From.ToString(), ToCategory = change.To.ToString(),
        Trigger = change.Trigger, EffectiveOn = effectiveOn,
    };

    public static HardshipFileExited Exited(HardshipFile f, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = f.DistrictId, CorrelationId = correlationId,
        FileId = f.Id, MemberId = f.MemberId, Reason = f.ExitReason!.Value.ToString(), ExitedOn = f.ClosedOn!.Value,
    };

    public static AidGranted Granted(AidGrant g, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = g.DistrictId, CorrelationId = correlationId,
        GrantId = g.Id, FileId = g.FileId, MemberId = g.MemberId, UnionId = g.UnionId, AidType = g.Type.ToString(),
        Amount = g.Amount, AidYear = g.AidYear, GrantedOn = g.GrantedOn,
    };

    /// <summary>The grant id is the payment request id: Finance pays one request id at most once.</summary>
    public static PaymentRequested PaymentRequested(AidGrant g, Guid correlationId, DateTimeOffset now) => new()
    {
        EventId = Guid.CreateVersion7(now), OccurredAt = now, DistrictId = g.DistrictId, CorrelationId = correlationId,
        PaymentRequestId = g.Id, Purpose = g.Purpose, PayeeMemberId = g.MemberId, PayingUnionId = g.UnionId,
        Amount = g.Amount, GrantId = g.Id, FileId = g.FileId,
    };
}
