using MassTransit;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Contracts.FinanceAudit;
using UnionPlatform.Contracts.LegalAid;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.Messaging;

namespace UnionPlatform.HardshipAid.Messaging;

/// <summary>Finance paid a grant. Replies to other services' requests (no grant with that id) are ignored.</summary>
public sealed class PaymentPostedConsumer(HardshipDbContext db, TimeProvider time) : IdempotentConsumer<PaymentPosted, HardshipDbContext>(db, time)
{
    protected override async Task Handle(PaymentPosted e, ConsumeContext<PaymentPosted> context, CancellationToken ct)
    {
        var grant = await Db.Grants.FirstOrDefaultAsync(g => g.Id == e.PaymentRequestId, ct);
        grant?.MarkPaid(e.PostedOn, e.LedgerEntryId);
    }
}

/// <summary>Finance refused a grant's payment, with its reason code and text.</summary>
public sealed class PaymentRejectedConsumer(HardshipDbContext db, TimeProvider time) : IdempotentConsumer<PaymentRejected, HardshipDbContext>(db, time)
{
    protected override async Task Handle(PaymentRejected e, ConsumeContext<PaymentRejected> context, CancellationToken ct)
    {
        var grant = await Db.Grants.FirstOrDefaultAsync(g => g.Id == e.PaymentRequestId, ct);
        grant?.MarkRejected(e.ReasonCode, e.ReasonText);
    }
}

/// <summary>A legal-aid case recovered money for its workers: their filed files are flagged for an income re-check.</summary>
public sealed class LegalAidCaseClosedConsumer(HardshipDbContext db, TimeProvider time) : IdempotentConsumer<LegalAidCaseClosed, HardshipDbContext>(db, time)
{
    protected override async Task Handle(LegalAidCaseClosed e, ConsumeContext<LegalAidCaseClosed> context, CancellationToken ct)
    {
        if (e.AmountRecovered <= 0 || e.MemberIds.Count == 0) return;
        var ids = e.MemberIds.ToList();
        foreach (var file in await Db.Files.Where(f => ids.Contains(f.MemberId)).ToListAsync(ct)) file.FlagForReassessment();
    }
}
