using UnionPlatform.Messaging;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using UnionPlatform.HardshipAid.Api;
using UnionPlatform.HardshipAid.Domain;
using UnionPlatform.HardshipAid.Tests.Support;

namespace UnionPlatform.HardshipAid.Tests.Messaging;

/// <summary>The payment request to Finance and its replies, through the real RabbitMQ, redeliveries and disorder included.</summary>
public class PaymentRoundTripTests(HardshipApp app) : IClassFixture<HardshipApp>
{
    private readonly Hardship _hardship = new(app);

    private Task ConsumedAsync(Guid messageId) => HardshipApp.EventuallyAsync(
        () => app.WithDbAsync(db => db.InboxMessages.AnyAsync(i => i.MessageId == messageId)), $"message {messageId} is consumed");

    private async Task<GrantView> GrantAsync(decimal amount)
    {
        var file = await _hardship.FileAsync("gulou");
        return await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{file.Id}/grants",
            new GrantAid(null, AidType.Living, amount, null, null)));
    }

    private async Task<GrantView> Reload(Guid id) => await Hardship.Read<GrantView>(await _hardship.Admin.GetAsync($"/api/aid-grants/{id}"));

    [Fact]
    public async Task The_request_reaches_the_broker_and_payment_posted_twice_marks_the_grant_paid_once()
    {
        var grant = await GrantAsync(2_000m);
        await HardshipApp.EventuallyAsync(() => app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m =>
            m.PartitionKey == grant.Id.ToString() && m.MessageType == MessageTypes.NameOf(typeof(UnionPlatform.Contracts.HardshipAid.PaymentRequested)) && m.SentAt != null)), "the payment request is published");
        Assert.Equal(GrantStatus.Pending, (await Reload(grant.Id)).Status); // no Finance yet: it simply waits

        var ledger = Guid.NewGuid();
        var posted = Events.Posted(grant.Id, 2_000m, ledger);
        var messageId = Guid.NewGuid();
        await app.PublishAsync(posted, messageId);
        await app.PublishAsync(posted, messageId);                                   // a broker redelivery
        await ConsumedAsync(messageId);
        var republished = Guid.NewGuid();
        await app.PublishAsync(Events.Posted(grant.Id, 2_000m, Guid.NewGuid()), republished); // Finance sent it again
        var late = Guid.NewGuid();
        await app.PublishAsync(Events.Rejected(grant.Id, 2_000m, "Voided"), late);  // a late, contradicting reply
        await ConsumedAsync(republished);
        await ConsumedAsync(late);

        var paid = await Reload(grant.Id);
        Assert.Equal((GrantStatus.Paid, (string?)null), (paid.Status, paid.RejectionCode));
        Assert.Equal(ledger, await app.WithDbAsync(db => db.Grants.Where(g => g.Id == grant.Id).Select(g => g.LedgerEntryId).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.InboxMessages.CountAsync(i => i.MessageId == messageId)));
        Assert.Single(await app.OutboxAsync("PaymentRequested", grant.Id));
    }

    [Fact]
    public async Task A_rejection_marks_the_grant_rejected_with_its_reason_and_frees_the_cap()
    {
        var grant = await GrantAsync(12_000m);
        var rejected = Guid.NewGuid();
        await app.PublishAsync(Events.Rejected(grant.Id, 12_000m, "NoBudget"), rejected);
        await ConsumedAsync(rejected);
        var posted = Guid.NewGuid();
        await app.PublishAsync(Events.Posted(grant.Id, 12_000m, Guid.NewGuid()), posted); // a contradicting reply after the answer: ignored
        await ConsumedAsync(posted);

        var after = await Reload(grant.Id);
        Assert.Equal((GrantStatus.Rejected, "NoBudget", "hardship-aid budget line exhausted"), (after.Status, after.RejectionCode, after.RejectionText));
        // A rejected grant no longer counts against the household's yearly cap.
        await Hardship.Read<GrantView>(await _hardship.Admin.PostAsJsonAsync($"/api/hardship-files/{grant.FileId}/grants",
            new GrantAid(null, AidType.Living, 12_000m, null, null)));
    }

    [Fact]
    public async Task Replies_to_other_services_requests_are_ignored()
    {
        var messageId = Guid.NewGuid();
        await app.PublishAsync(Events.Posted(Guid.NewGuid(), 100m, Guid.NewGuid()), messageId);
        await ConsumedAsync(messageId);
    }
}
