using UnionPlatform.HardshipAid.Jobs;
using MassTransit;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Messaging;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Messaging.Data;
using UnionPlatform.Messaging;

namespace UnionPlatform.HardshipAid;

public static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Order matters: migrations run before the seeder, the relay and the consumers start.
        builder.AddUnionDatabase<HardshipDbContext>(ResourceNames.HardshipDb);
        builder.Services.AddHostedService<DemoCitySeeder>();
        builder.Services.AddSingleton<AllowanceWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AllowanceWatch>());
        builder.AddUnionMessaging<HardshipDbContext>(ResourceNames.Messaging, ResourceNames.HardshipAid, bus =>
        {
            // Eligibility follows Membership.
            bus.AddConsumer<MemberJoinedEligibility>(MessagingSetup.Batched);
            bus.AddConsumer<MemberTransferredEligibility>();
            bus.AddConsumer<MemberRetainedEligibility>();
            bus.AddConsumer<MemberWithdrawnEligibility>();
            bus.AddConsumer<MemberDeceasedEligibility>();
            // Finance's replies to payment requests; legal aid's recovered wages.
            bus.AddConsumer<PaymentPostedConsumer>();
            bus.AddConsumer<PaymentRejectedConsumer>();
            bus.AddConsumer<LegalAidCaseClosedConsumer>();
        });
        return builder;
    }

    public static WebApplication MapHardshipAidApi(this WebApplication app)
    {
        app.MapHardshipFilesApi();
        app.MapAidGrantsApi();
        app.MapAllowancesApi();
        app.MapStatisticsApi();
        app.MapDeadLetterEndpoints();
        app.MapOutboxEndpoints<HardshipDbContext>();
        return app;
    }
}
