using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UnionPlatform.Membership.Data;
using UnionPlatform.Messaging;

namespace UnionPlatform.Membership.Tests.Messaging;

public class OutboxHealthTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    private async Task<HealthStatus> StatusAsync(OutboxStatus<MembershipDbContext> status)
    {
        var check = new OutboxHealthCheck<MembershipDbContext>(status, Options.Create(new MessagingOptions()), _time);
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("outbox", check, HealthStatus.Unhealthy, null) };
        return (await check.CheckHealthAsync(context)).Status;
    }

    [Fact]
    public async Task Late_events_degrade_health_and_a_relay_that_stopped_progressing_makes_it_unhealthy()
    {
        var status = new OutboxStatus<MembershipDbContext>(_time);
        status.Measured(new OutboxSnapshot(3, TimeSpan.FromSeconds(5), 0, _time.GetUtcNow()));
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(status));

        _time.Advance(TimeSpan.FromMinutes(2));
        status.Measured(new OutboxSnapshot(3, TimeSpan.FromMinutes(2), 0, _time.GetUtcNow()));
        Assert.Equal(HealthStatus.Degraded, await StatusAsync(status));

        _time.Advance(TimeSpan.FromMinutes(4)); // six minutes without a publish while rows wait
        status.Measured(new OutboxSnapshot(3, TimeSpan.FromMinutes(6), 0, _time.GetUtcNow()));
        Assert.Equal(HealthStatus.Unhealthy, await StatusAsync(status));

        status.Progressed();
        status.Measured(new OutboxSnapshot(0, TimeSpan.Zero, 1, _time.GetUtcNow()));
        Assert.Equal(HealthStatus.Healthy, await StatusAsync(status)); // parked rows alone are ops' business, not a stall
    }
}
