using System.Text;
using System.Text.Json;
using Vigil.Record.Ledger;

namespace Vigil.Record.Tests;

/// <summary>The RFC 9162 algorithms against the C2SP CCTV Merkle test vectors (Vectors/cctv-merkle.json names its source).</summary>
public sealed class MerkleVectorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "cctv-merkle.json"))).RootElement;

    private static List<byte[]> Leaves => [.. Vectors.GetProperty("tree").EnumerateArray().Select(t => B(t, "leaf_hash"))];

    [Fact]
    public void LeafHash_OfEachVector_MatchesItsLeafHash()
    {
        Assert.All(Vectors.GetProperty("tree").EnumerateArray(), t =>
            Assert.Equal(B(t, "leaf_hash"), MerkleHash.Leaf(Encoding.UTF8.GetBytes(t.GetProperty("leaf_data").GetString()!))));
    }

    [Fact]
    public void Root_AndFrontier_OfEveryPrefix_MatchTheVectors()
    {
        var leaves = Leaves;
        var frontier = new MerkleFrontier();
        var roots = Vectors.GetProperty("tree").EnumerateArray().Select(t => B(t, "root_hash")).ToList();
        for (var n = 1; n <= leaves.Count; n++)
        {
            frontier.Append(leaves[n - 1]);
            Assert.Equal(roots[n - 1], MerkleTree.Root(leaves, n));
            Assert.Equal(roots[n - 1], frontier.Root());
        }
    }

    [Fact]
    public void InclusionProof_ValidVectors_AreGeneratedAndVerify()
    {
        var leaves = Leaves;
        foreach (var v in Vectors.GetProperty("inclusion_valid").EnumerateArray())
        {
            var (index, size, path) = (v.GetProperty("leaf_index").GetInt32(), v.GetProperty("tree_size").GetInt32(), PathOf(v, "inclusion_path"));
            Assert.Equal(path, MerkleTree.InclusionProof(leaves, index, size));
            Assert.True(MerkleTree.VerifyInclusion(index, size, B(v, "leaf_hash"), path, B(v, "root_hash")));
        }
    }

    [Fact]
    public void VerifyInclusion_InvalidVectors_AreRefused()
    {
        Assert.All(Vectors.GetProperty("inclusion_invalid").EnumerateArray(), v =>
            Assert.False(MerkleTree.VerifyInclusion(v.GetProperty("leaf_index").GetInt64(), v.GetProperty("tree_size").GetInt64(), B(v, "leaf_hash"), PathOf(v, "inclusion_path"), B(v, "root_hash"))));
    }

    [Fact]
    public void ConsistencyProof_ValidVectors_AreGeneratedAndVerify()
    {
        var leaves = Leaves;
        foreach (var v in Vectors.GetProperty("consistency_valid").EnumerateArray())
        {
            var (m, n, path) = (v.GetProperty("old_size").GetInt32(), v.GetProperty("new_size").GetInt32(), PathOf(v, "consistency_path"));
            Assert.Equal(path, MerkleTree.ConsistencyProof(leaves, m, n));
            Assert.True(MerkleTree.VerifyConsistency(m, n, B(v, "old_root"), B(v, "new_root"), path));
        }
    }

    [Fact]
    public void VerifyConsistency_InvalidVectors_AreRefused()
    {
        Assert.All(Vectors.GetProperty("consistency_invalid").EnumerateArray(), v =>
            Assert.False(MerkleTree.VerifyConsistency(v.GetProperty("old_size").GetInt64(), v.GetProperty("new_size").GetInt64(), B(v, "old_root"), B(v, "new_root"), PathOf(v, "consistency_path"))));
    }

    private static byte[] B(JsonElement e, string name) => Convert.FromBase64String(e.GetProperty(name).GetString()!);

    private static List<byte[]> PathOf(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!))];
}
