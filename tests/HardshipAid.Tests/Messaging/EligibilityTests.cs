using UnionPlatform.Messaging;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.Contracts.LegalAid;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;

namespace UnionPlatform.HardshipAid.Tests.Messaging;

/// <summary>Eligibility follows Membership's events, delivered through the real RabbitMQ into the idempotent inbox.</summary>
public class EligibilityTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);

    private Task ConsumedAsync(Guid messageId) => HardshipApp.EventuallyAsync(
        () => app.WithDbAsync(db => db.InboxMessages.AnyAsync(i => i.MessageId == messageId)), $"message {messageId} is consumed");

    private async Task<FileView> FileOf(Guid id) => await Hardship.Read<FileView>(await _hardship.Admin.GetAsync($"/api/hardship-files/{id}"));

    [Fact]
    public async Task A_worker_who_joined_can_open_a_file_and_a_withdrawal_closes_it_with_the_reason()
    {
        var (member, union, joinedAt) = (Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-10));
        var joined = Guid.NewGuid();
        await app.PublishAsync(Events.Joined(member, "gulou", union, joinedAt), joined);
        await ConsumedAsync(joined);

        var file = await _hardship.FileAsync("gulou", memberId: member);
        Assert.Equal(union, file.UnionId);

        var withdrawn = Guid.NewGuid();
        await app.PublishAsync(Events.Withdrawn(member, "gulou", union, joinedAt.AddMinutes(5)), withdrawn);
        await ConsumedAsync(withdrawn);

        var closed = await FileOf(file.Id);
        Assert.Equal((FileState.Exited, ExitReason.MembershipEnded), (closed.State, closed.ExitReason));
        Assert.Equal("MembershipEnded: Withdrawn (Voluntary)", closed.ClosingReason);
        var exited = Assert.Single(await app.OutboxAsync("HardshipFileExited", file.Id));
        Assert.Equal("MembershipEnded", exited.GetProperty("reason").GetString());
        await HardshipApp.EventuallyAsync(() => app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m =>
            m.PartitionKey == file.Id.ToString() && m.MessageType == MessageTypes.NameOf(typeof(UnionPlatform.Contracts.HardshipAid.HardshipFileExited)) && m.SentAt != null)), "the exit reached the broker");

        await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/hardship-files",
            new OpenFile(member, 3, 1_000m, 0m, [HardshipCause.Illness])), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_death_cancels_a_file_still_in_progress()
    {
        var (member, union, at) = (Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-10));
        var joined = Guid.NewGuid();
        await app.PublishAsync(Events.Joined(member, "gulou", union, at), joined);
        await ConsumedAsync(joined);
        var file = await _hardship.FileAsync("gulou", FileState.Surveyed, memberId: member);

        var died = Guid.NewGuid();
        await app.PublishAsync(Events.Deceased(member, "gulou", union, at.AddMinutes(1)), died);
        await ConsumedAsync(died);

        var closed = await FileOf(file.Id);
        Assert.Equal((FileState.Cancelled, "MembershipEnded: Deceased"), (closed.State, closed.ClosingReason));
        Assert.Empty(await app.OutboxAsync("HardshipFileExited", file.Id)); // never filed: nothing to announce
    }

    [Fact]
    public async Task A_late_join_does_not_revive_a_withdrawn_member_and_duplicates_change_nothing()
    {
        var (member, union, at) = (Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-10));
        var withdrawn = Guid.NewGuid();
        var withdrawal = Events.Withdrawn(member, "gulou", union, at.AddMinutes(1));
        await app.PublishAsync(withdrawal, withdrawn);
        await app.PublishAsync(withdrawal, withdrawn); // redelivered
        await ConsumedAsync(withdrawn);
        var joined = Guid.NewGuid();
        await app.PublishAsync(Events.Joined(member, "gulou", union, at), joined); // older, arrives later
        await ConsumedAsync(joined);

        var status = await app.WithDbAsync(db => db.Members.Where(m => m.MemberId == member).Select(m => m.Status).SingleAsync());
        Assert.Equal(MembershipStatus.Withdrawn, status);
        var problem = await Hardship.Problem(await _hardship.Admin.PostAsJsonAsync("/api/hardship-files",
            new OpenFile(member, 3, 1_000m, 0m, [HardshipCause.Illness])), HttpStatusCode.Conflict);
        Assert.Equal("Withdrawn", problem.GetProperty("currentState").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.InboxMessages.CountAsync(i => i.MessageId == withdrawn)));
    }

    [Fact]
    public async Task A_transfer_moves_the_open_file_to_the_new_district()
    {
        var (member, union, at) = (Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-10));
        var joined = Guid.NewGuid();
        await app.PublishAsync(Events.Joined(member, "gulou", union, at), joined);
        await ConsumedAsync(joined);
        var file = await _hardship.FileAsync("gulou", memberId: member);

        var newUnion = Guid.NewGuid();
        var transferred = Guid.NewGuid();
        await app.PublishAsync(Events.Transferred(member, "gulou", "jiangbei", newUnion, at.AddMinutes(1)), transferred);
        await ConsumedAsync(transferred);

        var moved = await FileOf(file.Id);
        Assert.Equal(("jiangbei", newUnion, FileState.Filed), (moved.DistrictId, moved.UnionId, moved.State));
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientAs("district-staff", "gulou").GetAsync($"/api/hardship-files/{file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientAs("district-staff", "jiangbei").GetAsync($"/api/hardship-files/{file.Id}")).StatusCode);
    }

    [Fact]
    public async Task Wages_recovered_in_a_legal_aid_case_flag_the_file_for_reassessment()
    {
        var file = await _hardship.FileAsync("gulou");
        var closed = Guid.NewGuid();
        await app.PublishAsync(new LegalAidCaseClosed
        {
            EventId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow, DistrictId = "gulou", CorrelationId = Guid.NewGuid(),
            CaseId = Guid.NewGuid(), HandlingUnionId = Guid.NewGuid(), MemberIds = [file.MemberId], EmployerEnterpriseId = null,
            DisputeType = "WageArrears", OutcomeCode = "Mediated", AmountRecovered = 18_000m, ClosedOn = Hardship.Today,
            LawyerId = null, LawyerFee = null,
        }, closed);
        await ConsumedAsync(closed);
        Assert.True((await FileOf(file.Id)).NeedsReassessment);

        var rechecked = await Hardship.Read<FileView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/income-recheck",
            new IncomeCheck(Hardship.Today, 3, 120_000m, 0m)));
        Assert.Equal((FileState.Exited, ExitReason.OutOfHardship, false), (rechecked.State, rechecked.ExitReason, rechecked.NeedsReassessment));
    }

    [Fact]
    public async Task A_burst_of_joins_after_a_roster_import_is_applied_once_each()
    {
        var union = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var joins = Enumerable.Range(0, 300).Select(_ => (MessageId: Guid.NewGuid(), Event: Events.Joined(Guid.NewGuid(), "jianye", union, at))).ToList();
        await Task.WhenAll(joins.Select(j => app.PublishAsync(j.Event, j.MessageId)));
        await Task.WhenAll(joins.Take(20).Select(j => app.PublishAsync(j.Event, j.MessageId))); // redelivered

        await HardshipApp.EventuallyAsync(() => app.WithDbAsync(async db => await db.Members.CountAsync(m => m.UnionId == union) == 300),
            "every join is in the eligibility view");
        var ids = joins.Select(j => j.MessageId).ToList();
        await HardshipApp.EventuallyAsync(() => app.WithDbAsync(async db => await db.InboxMessages.CountAsync(i => ids.Contains(i.MessageId)) == 300),
            "every join is recorded once");
        Assert.Equal(300, await app.WithDbAsync(db => db.Members.CountAsync(m => m.UnionId == union && m.Status == MembershipStatus.Active)));
    }
}
