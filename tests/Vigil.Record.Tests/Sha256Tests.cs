using System.Security.Cryptography;
using CsCheck;
using Vigil.Record.Ledger;

namespace Vigil.Record.Tests;

/// <summary>The ledger's SHA-256, called on OpenSSL directly on Linux (the fast path), is the runtime's SHA-256 (the plain path).</summary>
public sealed class Sha256Tests
{
    [Fact]
    public void OnLinux_OpenSslIsCalledDirectly()
    {
        Assert.Equal(OperatingSystem.IsLinux(), Sha256.IsDirect);
    }

    [Fact]
    public void Hash_AnyInput_IsTheRuntimesSha256()
    {
        Gen.Byte.Array[0, 3000].Sample(bytes =>
        {
            var direct = new byte[32];
            var runtime = new byte[32];
            Sha256.Hash(bytes, direct);
            Sha256.RuntimeHash(bytes, runtime);
            var expected = SHA256.HashData(bytes);
            Assert.Equal(expected, direct);
            Assert.Equal(expected, runtime);
        });
    }

    [Fact]
    public void OpenSsl_AnyInputFromEmptyToLarge_HashesAsThePlainPath()
    {
        Assert.SkipUnless(Sha256.CanCallOpenSsl, "OpenSSL's digest cannot be called directly here.");
        var inputs = Gen.Frequency(
            (1, Gen.Const(Array.Empty<byte>())),
            (8, Gen.Byte.Array[0, 300]),
            (3, Gen.Byte.Array[0, 20_000]),
            (1, Gen.Byte.Array[1 << 16, 1 << 20]));

        inputs.Sample(bytes =>
        {
            var fast = new byte[32];
            var plain = new byte[32];
            Assert.True(Sha256.OpenSslHash(bytes, fast));
            Sha256.RuntimeHash(bytes, plain);
            Assert.Equal(plain, fast);
        });
    }

    [Fact]
    public void Hash_OnManyThreadsAtOnce_KeepsEachThreadsHashApart()
    {
        var inputs = Enumerable.Range(0, 64).Select(i => RandomNumberGenerator.GetBytes(100 + (37 * i))).ToArray();
        var results = new byte[inputs.Length][];

        Parallel.For(0, inputs.Length * 50, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var i = n % inputs.Length;
            var hash = Sha256.Hash(inputs[i]);
            Assert.Equal(SHA256.HashData(inputs[i]), hash);
            results[i] = hash;
        });

        Assert.All(results, r => Assert.NotNull(r));
    }

    [Fact]
    public void MerkleHashes_AreRfc9162s()
    {
        var leaf = "leaf"u8.ToArray();
        var left = SHA256.HashData("l"u8);
        var right = SHA256.HashData("r"u8);

        Assert.Equal(SHA256.HashData([0x00, .. leaf]), MerkleHash.Leaf(leaf));
        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleHash.Node(left, right));
    }
}
