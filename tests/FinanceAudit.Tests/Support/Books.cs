using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Contracts.HardshipAid;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.FinanceAudit.Api;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.Testing;

namespace UnionPlatform.FinanceAudit.Tests.Support;

/// <summary>Builds what a test needs: a union's ledger (opened by Membership's event), its budgets, payment requests as HardshipAid sends them.</summary>
public sealed class Books(FinanceApp app)
{
    public HttpClient Admin { get; } = app.Admin();

    public static int Year => UnionPlatform.Kernel.BusinessCalendar.Today(TimeProvider.System).Year;

    /// <summary>A union approved by Membership: its ledger opens when the event is consumed.</summary>
    public async Task<Guid> LedgerAsync(string district, Guid? id = null)
    {
        var organisationId = id ?? Guid.NewGuid();
        await app.PublishAsync(new OrganisationApproved
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = district, CorrelationId = Guid.NewGuid(),
            OrganisationId = organisationId, ParentId = null, Kind = "Grassroots", Name = $"测试工会 {organisationId:N}"[..16], CoveredEnterpriseIds = [],
        });
        await FinanceApp.EventuallyAsync(() => app.WithDbAsync(db => db.Ledgers.AnyAsync(l => l.OrganisationId == organisationId)), "the ledger is open");
        return organisationId;
    }

    public async Task<BudgetView> BudgetAsync(Guid organisationId, decimal amount, BudgetLine line = BudgetLine.HardshipAid, int? year = null) =>
        await Read<BudgetView>(await Admin.PutAsJsonAsync($"/api/budgets/{organisationId}/{year ?? Year}/{line}", new SetBudget(amount)));

    public static PaymentRequested Request(Guid unionId, decimal amount, string district = "gulou", Guid? requestId = null, string purpose = "HardshipLiving") => new()
    {
        EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = district, CorrelationId = Guid.NewGuid(),
        PaymentRequestId = requestId ?? Guid.NewGuid(), Purpose = purpose, PayeeMemberId = Guid.NewGuid(), PayingUnionId = unionId,
        Amount = amount, GrantId = requestId ?? Guid.NewGuid(), FileId = Guid.NewGuid(),
    };

    /// <summary>Until the request reached a final state (Posted or Rejected) here.</summary>
    public Task<Payment> SettledAsync(Guid requestId) => app.WithDbAsync(async db =>
    {
        Payment? payment = null;
        await FinanceApp.EventuallyAsync(async () =>
        {
            payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == requestId);
            return payment is { State: not PaymentState.Reserved };
        }, $"payment {requestId} is settled");
        return payment!;
    });

    public static Task<T> Read<T>(HttpResponseMessage response) => UnionPlatform.Testing.Answers.Read<T>(response);

    public static Task<System.Text.Json.JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected) =>
        UnionPlatform.Testing.Answers.Problem(response, expected);

    public static readonly System.Text.Json.JsonSerializerOptions Json = UnionPlatform.Testing.Answers.Json;
}
