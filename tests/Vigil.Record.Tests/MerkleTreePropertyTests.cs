using CsCheck;
using Vigil.Record.Ledger;

namespace Vigil.Record.Tests;

public sealed class MerkleTreePropertyTests
{
    private static readonly Gen<List<byte[]>> Leaves = Gen.Byte.Array[0, 40].List[1, 70].Select(l => l.Select(b => MerkleHash.Leaf(b)).ToList());

    [Fact]
    public void Frontier_AfterAnyAppends_HasTheTreeRootAndSurvivesItsBytes()
    {
        Leaves.Sample(leaves =>
        {
            var frontier = new MerkleFrontier();
            for (var n = 1; n <= leaves.Count; n++)
            {
                frontier.Append(leaves[n - 1]);
                var restored = MerkleFrontier.FromBytes(frontier.ToBytes())!;
                Assert.Equal(MerkleTree.Root(leaves, n), frontier.Root());
                Assert.Equal(frontier.Root(), restored.Root());
                Assert.Equal(n, restored.Size);
            }
        });
    }

    [Fact]
    public void InclusionProof_EveryLeafOfAnyTree_VerifiesAndATamperedOneDoesNot()
    {
        Leaves.SelectMany(l => Gen.Int[0, l.Count - 1].Select(i => (l, i))).Sample(t =>
        {
            var (leaves, index) = t;
            var root = MerkleTree.Root(leaves, leaves.Count);
            var proof = MerkleTree.InclusionProof(leaves, index, leaves.Count);
            Assert.True(MerkleTree.VerifyInclusion(index, leaves.Count, leaves[index], proof, root));
            Assert.False(MerkleTree.VerifyInclusion(index, leaves.Count, MerkleHash.Leaf([9, 9, 9]), proof, root));
            if (proof.Count > 0)
            {
                var tampered = proof.Select(p => p.ToArray()).ToList();
                tampered[^1][0] ^= 1;
                Assert.False(MerkleTree.VerifyInclusion(index, leaves.Count, leaves[index], tampered, root));
            }
        });
    }

    [Fact]
    public void ConsistencyProof_EveryEarlierSize_IsConsistentWithEveryLaterOne()
    {
        Leaves.SelectMany(l => Gen.Int[0, l.Count].SelectMany(m => Gen.Int[m, l.Count].Select(n => (l, m, n)))).Sample(t =>
        {
            var (leaves, m, n) = t;
            var proof = MerkleTree.ConsistencyProof(leaves, m, n);
            var oldRoot = MerkleTree.Root(leaves, m);
            var newRoot = MerkleTree.Root(leaves, n);
            Assert.True(MerkleTree.VerifyConsistency(m, n, oldRoot, newRoot, proof));
            if (m > 0 && m < n)
            {
                Assert.False(MerkleTree.VerifyConsistency(m, n, MerkleHash.Leaf([1]), newRoot, proof));
            }
        });
    }

    [Fact]
    public void FromBytes_ArbitraryBytes_NeverThrows()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var frontier = MerkleFrontier.FromBytes(bytes);
            Assert.True(frontier is null || frontier.ToBytes().AsSpan().SequenceEqual(bytes));
        });
    }
}
