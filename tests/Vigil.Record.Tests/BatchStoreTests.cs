using Vigil.Domain.Devices;
using Vigil.Domain.Security;
using Vigil.Record.Batches;
using Vigil.Record.Events;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

public sealed class BatchStoreTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CommitAsync_SameDeviceAndSequenceTwice_StoresOnce(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);

        var first = await fixture.Record.Batches.CommitAsync(RecordFixture.Batch("cgm-1", 7), TestContext.Current.CancellationToken);
        var second = await fixture.Record.Batches.CommitAsync(RecordFixture.Batch("cgm-1", 7, "other relay"), TestContext.Current.CancellationToken);

        Assert.Equal(CommitOutcome.Stored, first);
        Assert.Equal(CommitOutcome.AlreadyStored, second);
        Assert.Equal(1, await fixture.Record.Batches.CountBatchesAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("test", (await fixture.Record.Batches.FindBatchAsync(DeviceId.Parse("cgm-1"), 7, cancellationToken: TestContext.Current.CancellationToken))!.Source);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CommitAsync_Stored_SurvivesReopenWithItsWindow(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        await fixture.Record.Batches.CommitAsync(RecordFixture.Batch("cgm-1", ulong.MaxValue), TestContext.Current.CancellationToken);

        await fixture.ReopenAsync();

        var stored = await fixture.Record.Batches.FindBatchAsync(DeviceId.Parse("cgm-1"), ulong.MaxValue, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(stored);
        Assert.Equal([0xD2, 0x84], stored.SignedBatch);
        Assert.Equal([ulong.MaxValue], await fixture.Record.Batches.RecentSequencesAsync(DeviceId.Parse("cgm-1"), 10, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal([ulong.MaxValue], await fixture.Record.Batches.ListSequencesAsync(DeviceId.Parse("cgm-1"), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task RecentSequences_ManyStored_AreTheHighestAscending(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        foreach (var s in new ulong[] { 5, 1, 9, 3, 7 })
        {
            await fixture.Record.Batches.CommitAsync(RecordFixture.Batch("cgm-1", s), TestContext.Current.CancellationToken);
        }

        Assert.Equal([5UL, 7, 9], await fixture.Record.Batches.RecentSequencesAsync(DeviceId.Parse("cgm-1"), 3, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await fixture.Record.Batches.RecentSequencesAsync(DeviceId.Parse("cgm-2"), 3, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CommitAsync_ManyConcurrent_AreGroupedIntoFewerTransactions(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);

        await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            fixture.Record.Batches.CommitAsync(RecordFixture.Batch($"d-{i % 20}", (ulong)i), TestContext.Current.CancellationToken)));

        Assert.Equal(400, await fixture.Record.Batches.CountBatchesAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.True(fixture.Record.GroupCommits < 400, $"{fixture.Record.GroupCommits} commits for 400 batches");
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Events_AppendedAndFiltered_NewestFirst(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var log = fixture.Record.Events;
        await log.AppendAsync(new SecurityEvent(RecordFixture.Now, "bad-signature", "anonymous", "mqtt", "cgm-1", "forged"), TestContext.Current.CancellationToken);
        await log.AppendAsync(new SecurityEvent(RecordFixture.Now.AddSeconds(1), "topic-denied", "device cgm-2", "mqtt", "cgm-2", "wrong topic"), TestContext.Current.CancellationToken);
        await log.AppendAsync(new SecurityEvent(RecordFixture.Now.AddSeconds(2), "bad-signature", "anonymous", "https", "cgm-3", "forged"), TestContext.Current.CancellationToken);

        Assert.Equal(["cgm-3", "cgm-1"], (await log.ListAsync(new EventQuery(Code: "bad-signature"), cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.DeviceId));
        Assert.Equal("topic-denied", (await log.ListAsync(new EventQuery(DeviceId: "cgm-2"), cancellationToken: TestContext.Current.CancellationToken)).Single().Code);
        Assert.Equal(2, (await log.ListAsync(new EventQuery(Since: RecordFixture.Now.AddSeconds(1)), cancellationToken: TestContext.Current.CancellationToken)).Count);
        Assert.Equal(3, await log.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(2, await log.CountAsync("bad-signature", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Events_WithCounts_AreTotalledByTheirCounts(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        var log = fixture.Record.Events;
        await log.AppendAsync(new SecurityEvent(RecordFixture.Now, "malformed", "device d", "mqtt", null, "first"), TestContext.Current.CancellationToken);
        await log.AppendAsync(new SecurityEvent(RecordFixture.Now, "malformed", "device d", "mqtt", null, "32 more") { Count = 32 }, TestContext.Current.CancellationToken);
        await log.AppendAsync(new SecurityEvent(RecordFixture.Now, "replay", "relay r", "mqtt", "d", "again"), TestContext.Current.CancellationToken);

        Assert.Equal(34, await log.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(33, await log.CountAsync("malformed", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await log.CountAsync("oversized", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(new Dictionary<string, long> { ["malformed"] = 33, ["replay"] = 1 }, await log.TotalsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal([32, 1], (await log.ListAsync(new EventQuery("malformed"), cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Count));
    }
}
