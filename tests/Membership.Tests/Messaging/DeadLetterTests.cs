using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnionPlatform.Contracts.Membership;
using UnionPlatform.Membership.Tests.Support;
using UnionPlatform.ServiceDefaults.Security;

namespace UnionPlatform.Membership.Tests.Messaging;

/// <summary>A message that keeps failing lands in the _error queue after its retries; once fixed, ops re-drive it.</summary>
public class DeadLetterTests(MembershipApp app) : IClassFixture<MembershipApp>
{
    private const string Queue = "membership-member-joined-coverage";

    [Fact]
    public async Task A_failing_message_is_parked_then_redriven_and_applied_once()
    {
        var admin = app.Admin();
        await MembershipApp.EventuallyAsync(async () => (await admin.PostAsync($"/ops/dead-letters/{Queue}/redrive", null)).IsSuccessStatusCode,
            "the consumer's queue exists");
        // The "bug": the projection cannot write this district. Fixed below by dropping the constraint.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "ALTER TABLE coverage_deltas ADD CONSTRAINT simulated_bug CHECK (district_id <> 'poison')"));
        await app.Services.GetRequiredService<IBus>().Publish(new MemberJoined
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "poison", CorrelationId = Guid.NewGuid(),
            MemberId = Guid.NewGuid(), UnionId = Guid.NewGuid(), EnterpriseId = null, JoinedOn = new DateOnly(2026, 5, 1),
        });

        await MembershipApp.EventuallyAsync(async () => (await Count(admin)) == 1, "the message is parked in the _error queue", seconds: 60);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE coverage_deltas DROP CONSTRAINT simulated_bug"));

        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientAs(UnionRoles.Auditor).PostAsync($"/ops/dead-letters/{Queue}/redrive", null)).StatusCode);
        var redrive = await admin.PostAsync($"/ops/dead-letters/{Queue}/redrive", null);
        Assert.Contains("\"moved\":1", await redrive.Content.ReadAsStringAsync());
        await MembershipApp.EventuallyAsync(() => app.WithDbAsync(db => db.CoverageDeltas.AnyAsync(c => c.DistrictId == "poison" && c.Members == 1)),
            "the re-driven message is applied");
        Assert.Equal(0u, await Count(admin));
    }

    [Fact]
    public async Task A_bad_queue_name_is_a_validation_problem()
    {
        var response = await app.Admin().PostAsync("/ops/dead-letters/Bad%20Name/redrive?max=0", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("queue", body);
        Assert.Contains("max", body);
    }

    private static async Task<uint> Count(HttpClient admin) =>
        (await (await admin.GetAsync($"/ops/dead-letters/{Queue}")).Content.ReadFromJsonAsync<CountView>())!.Messages;

    private sealed record CountView(uint Messages);
}
