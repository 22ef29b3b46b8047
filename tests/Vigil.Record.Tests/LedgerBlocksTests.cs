using Vigil.Record.Ledger;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

public sealed class LedgerBlocksTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Appends_StoreEachCompleteBlockWithTheEntryThatCompletesIt(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        await CommitAsync(fixture, 600);

        var leaves = fixture.Record.Ledger.LeafHashes(0, 600);
        var blocks = fixture.Record.Ledger.BlockHashes(3);

        Assert.Equal(600, leaves.Count);
        Assert.Equal(MerkleTree.Root(leaves, 0, 256), blocks[0]);
        Assert.Equal(MerkleTree.Root(leaves, 256, 512), blocks[1]);
        Assert.Null(blocks[2]);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Proofs_FromBlocks_AreThoseFromEveryLeaf_WithAndWithoutStoredBlocks(StoreKind kind)
    {
        await using var fixture = new RecordFixture(kind);
        await CommitAsync(fixture, 700);
        var ledger = fixture.Record.Ledger;

        void AssertSameProofs()
        {
            foreach (var size in new[] { 1, 255, 256, 257, 300, 512, 513, 700 })
            {
                var leaves = ledger.LeafHashes(0, size);
                var tree = new LedgerBlocks(ledger, size);
                Assert.Equal(MerkleTree.Root(leaves, size), tree.Hash(0, size));
                foreach (var index in new[] { 0, 1, 255, 256, 299, 511, 512, 699 }.Where(i => i < size))
                {
                    Assert.Equal(MerkleTree.InclusionProof(leaves, index, size), tree.InclusionProof(index));
                }

                foreach (var old in new[] { 0, 1, 128, 255, 256, 257, 511, 512, 699 }.Where(m => m <= size))
                {
                    Assert.Equal(MerkleTree.ConsistencyProof(leaves, old, size), tree.ConsistencyProof(old));
                }
            }
        }

        AssertSameProofs();

        // A ledger older than the block table has none stored: its blocks are hashed from their leaves.
        Assert.Equal(2, fixture.Database.Execute("DELETE FROM ledger_blocks;"));
        AssertSameProofs();
    }

    [Fact]
    public async Task Proof_WithAWrongStoredBlock_DoesNotVerifyAgainstTheRoot()
    {
        await using var fixture = new RecordFixture(StoreKind.Sqlite);
        await CommitAsync(fixture, 600);
        var ledger = fixture.Record.Ledger;
        var leaves = ledger.LeafHashes(0, 600);
        var root = MerkleTree.Root(leaves, 600);

        fixture.Database.Execute("UPDATE ledger_blocks SET hash = @h WHERE idx = 0;", ("@h", new byte[32]));
        var proof = new LedgerBlocks(ledger, 600).InclusionProof(300);

        Assert.False(MerkleTree.VerifyInclusion(300, 600, leaves[300], proof, root));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Audit_AWrongStoredBlock_IsNamed(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        await CommitAsync(lab.Fixture, 600);
        Assert.Empty((await lab.AuditAsync()).Findings);

        lab.Sql("UPDATE ledger_blocks SET hash = @h WHERE idx = 1;", ("@h", new byte[32]));
        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal("ledger block 1", finding.Subject);
        Assert.Contains("entries 256 to 511", finding.What, StringComparison.Ordinal);
    }

    private static async Task CommitAsync(RecordFixture fixture, int batches)
    {
        // Concurrently, so that the group committer puts many entries, and block edges, in one transaction.
        await Task.WhenAll(Enumerable.Range(1, batches).Select(s =>
            fixture.Record.Batches.CommitAsync(RecordFixture.Batch($"cgm-{s % 7}", (ulong)s), TestContext.Current.CancellationToken)));
    }
}
