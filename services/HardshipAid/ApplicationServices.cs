using MassTransit;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Data;
using UnionPlatform.HardshipAid.Messaging;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.ServiceDefaults.Data;
using UnionPlatform.ServiceDefaults.Messaging;

namespace UnionPlatform.HardshipAid;

public static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Order matters: migrations run before the seeder, the relay and the consumers start.
        builder.AddUnionDatabase<HardshipDbContext>(ResourceNames.HardshipDb);
        builder.Services.AddHostedService<DemoCitySeeder>();
        builder.AddUnionMessaging<HardshipDbContext>(ResourceNames.Messaging, ResourceNames.HardshipAid, bus =>
        {
            // Eligibility follows Membership.
            bus.AddConsumer<MemberJoinedEligibility>(Batched);
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
        return app;
    }

    // Up to 100 events per transaction; MassTransit raises the endpoint's prefetch to match.
    private static void Batched<T>(IRegistrationContext context, IConsumerConfigurator<T> consumer) where T : class =>
        consumer.Options<BatchOptions>(o => o.SetMessageLimit(100).SetTimeLimit(TimeSpan.FromMilliseconds(50)));
}
