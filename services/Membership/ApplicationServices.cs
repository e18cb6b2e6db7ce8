using UnionPlatform.Membership.Jobs;
using UnionPlatform.Membership.UseCases;
using MassTransit;
using UnionPlatform.Membership.Api;
using UnionPlatform.Membership.Data;
using UnionPlatform.Membership.Messaging;
using UnionPlatform.ServiceDefaults;
using UnionPlatform.Messaging.Data;
using UnionPlatform.Messaging;

namespace UnionPlatform.Membership;

public static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Order matters: migrations run before the seeder, the relay and the consumers start.
        builder.AddUnionDatabase<MembershipDbContext>(ResourceNames.MembershipDb);
        builder.Services.AddHostedService<DemoCitySeeder>();
        builder.AddUnionMessaging<MembershipDbContext>(ResourceNames.Messaging, ResourceNames.Membership, bus =>
        {
            // The coverage read model follows the service's own events, a batch per transaction.
            bus.AddConsumer<MemberJoinedCoverage>(MessagingSetup.Batched);
            bus.AddConsumer<MemberTransferredCoverage>(MessagingSetup.Batched);
            bus.AddConsumer<MemberRetainedCoverage>(MessagingSetup.Batched);
            bus.AddConsumer<MemberWithdrawnCoverage>(MessagingSetup.Batched);
            bus.AddConsumer<MemberDeceasedCoverage>(MessagingSetup.Batched);
        });
        builder.Services.AddScoped<RosterImport>();
        builder.Services.AddSingleton<ReelectionWatch>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReelectionWatch>());
        return builder;
    }

    public static WebApplication MapMembershipApi(this WebApplication app)
    {
        app.MapOrganisationsApi();
        app.MapEnterprisesApi();
        app.MapMembersApi();
        app.MapPersonalDataApi();
        app.MapImportApi();
        app.MapCoverageApi();
        app.MapCoverageGapsApi();
        app.MapDeadLetterEndpoints();
        app.MapOutboxEndpoints<MembershipDbContext>();
        return app;
    }
}
