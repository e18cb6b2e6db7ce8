using MassTransit;
using UnionPlatform.Contracts.HardshipAid;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.FinanceAudit.UseCases;
using UnionPlatform.Messaging;

namespace UnionPlatform.FinanceAudit.Messaging;

/// <summary>
/// HardshipAid asks for a grant to be paid. Idempotent by the payment's own record (its id is the request id), not
/// by the inbox: the two phases commit separately, and a redelivery must be able to finish what a crash interrupted.
/// </summary>
public sealed class PaymentRequestedConsumer(PaymentDesk desk) : IConsumer<PaymentRequested>
{
    public async Task Consume(ConsumeContext<PaymentRequested> context)
    {
        var e = context.Message;
        using var slot = await ConsumerGate.EnterAsync(context);
        await desk.HandleAsync(new PaymentOrder(e.PaymentRequestId, e.Purpose, e.PayeeMemberId, e.PayingUnionId, e.DistrictId, e.Amount, e.CorrelationId),
            context.CancellationToken);
    }
}
