using Microsoft.Extensions.DependencyInjection.Extensions;
using UnionPlatform.FinanceAudit.Api;
using UnionPlatform.FinanceAudit.Data;
using UnionPlatform.FinanceAudit.Domain;
using UnionPlatform.FinanceAudit.Messaging;
using UnionPlatform.FinanceAudit.UseCases;
using UnionPlatform.FinanceAudit.UseCases.Audit;
using UnionPlatform.Messaging;
using UnionPlatform.Messaging.Data;
using UnionPlatform.ServiceDefaults;

namespace UnionPlatform.FinanceAudit;

public static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddUnionDatabase<FinanceDbContext>(ResourceNames.FinanceDb);
        builder.Services.AddSingleton(new ChartOfAccounts(
            builder.Configuration.GetSection(ChartOfAccounts.Section).Get<Dictionary<AccountKind, AccountTitle>>() ?? []));
        builder.Services.TryAddSingleton<PaymentFaults>();
        builder.Services.AddScoped<PaymentDesk>();
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        foreach (var rule in AuditRules.Checked) builder.Services.AddScoped(typeof(PaymentRule), rule);
        builder.AddUnionMessaging<FinanceDbContext>(ResourceNames.Messaging, ResourceNames.FinanceAudit, bus =>
        {
            // Ledgers follow Membership's organisations; payments are asked for by HardshipAid (later LegalAid, Innovation).
            bus.AddConsumer<OrganisationApprovedLedger>();
            bus.AddConsumer<OrganisationDissolvedLedger>();
            bus.AddConsumer<PaymentRequestedConsumer>();
        });
        return builder;
    }

    public static WebApplication MapFinanceAuditApi(this WebApplication app)
    {
        app.MapLedgersApi();
        app.MapBudgetsApi();
        app.MapPaymentsApi();
        app.MapAuditFindingsApi();
        app.MapDeadLetterEndpoints();
        app.MapOutboxEndpoints<FinanceDbContext>();
        return app;
    }
}
