using MassTransit;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.Messaging;

namespace UnionPlatform.FinanceAudit.Messaging;

/// <summary>An approved organisation gets its ledger (once, whatever the redeliveries).</summary>
public sealed class OrganisationApprovedLedger(FinanceDbContext db, TimeProvider time) : IdempotentConsumer<OrganisationApproved, FinanceDbContext>(db, time)
{
    protected override async Task Handle(OrganisationApproved e, ConsumeContext<OrganisationApproved> context, CancellationToken ct)
    {
        if (await Db.Ledgers.AnyAsync(l => l.OrganisationId == e.OrganisationId, ct)) return;
        Db.Ledgers.Add(Ledger.Open(e.OrganisationId, e.DistrictId, e.Name, e.OccurredAt));
    }
}

/// <summary>A dissolved or merged organisation's ledger takes no new entries; its history stays.</summary>
public sealed class OrganisationDissolvedLedger(FinanceDbContext db, TimeProvider time) : IdempotentConsumer<OrganisationDissolved, FinanceDbContext>(db, time)
{
    protected override async Task Handle(OrganisationDissolved e, ConsumeContext<OrganisationDissolved> context, CancellationToken ct) =>
        (await Db.Ledgers.FirstOrDefaultAsync(l => l.OrganisationId == e.OrganisationId, ct))?.Close(e.OccurredAt);
}
