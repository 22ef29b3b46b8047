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
        Assert.Equal(1, fixture.Record.Batches.CountBatches());
        Assert.Equal("test", fixture.Record.Batches.FindBatch(DeviceId.Parse("cgm-1"), 7)!.Source);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CommitAsync_Stored_SurvivesReopenWithItsWindow(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        await fixture.Record.Batches.CommitAsync(RecordFixture.Batch("cgm-1", ulong.MaxValue), TestContext.Current.CancellationToken);

        await fixture.ReopenAsync();

        var stored = fixture.Record.Batches.FindBatch(DeviceId.Parse("cgm-1"), ulong.MaxValue);
        Assert.NotNull(stored);
        Assert.Equal([0xD2, 0x84], stored.SignedBatch);
        Assert.Equal([ulong.MaxValue], fixture.Record.Batches.RecentSequences(DeviceId.Parse("cgm-1"), 10));
        Assert.Equal([ulong.MaxValue], fixture.Record.Batches.ListSequences(DeviceId.Parse("cgm-1")));
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

        Assert.Equal([5UL, 7, 9], fixture.Record.Batches.RecentSequences(DeviceId.Parse("cgm-1"), 3));
        Assert.Empty(fixture.Record.Batches.RecentSequences(DeviceId.Parse("cgm-2"), 3));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CommitAsync_ManyConcurrent_AreGroupedIntoFewerTransactions(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);

        await Task.WhenAll(Enumerable.Range(0, 400).Select(i =>
            fixture.Record.Batches.CommitAsync(RecordFixture.Batch($"d-{i % 20}", (ulong)i), TestContext.Current.CancellationToken)));

        Assert.Equal(400, fixture.Record.Batches.CountBatches());
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

        Assert.Equal(["cgm-3", "cgm-1"], log.List(new EventQuery(Code: "bad-signature")).Select(e => e.DeviceId));
        Assert.Equal("topic-denied", log.List(new EventQuery(DeviceId: "cgm-2")).Single().Code);
        Assert.Equal(2, log.List(new EventQuery(Since: RecordFixture.Now.AddSeconds(1))).Count);
        Assert.Equal(3, log.Count());
        Assert.Equal(2, log.Count("bad-signature"));
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

        Assert.Equal(34, log.Count());
        Assert.Equal(33, log.Count("malformed"));
        Assert.Equal(0, log.Count("oversized"));
        Assert.Equal(new Dictionary<string, long> { ["malformed"] = 33, ["replay"] = 1 }, log.Totals());
        Assert.Equal([32, 1], log.List(new EventQuery("malformed")).Select(e => e.Count));
    }
}
