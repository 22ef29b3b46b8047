using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;
using Vigil.Record.Witness;

namespace Vigil.Record.Tests;

public sealed class CosignatureTests
{
    private static readonly JsonElement Vector = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "cosignature-v1.json"))).RootElement;

    private static string V(string name) => Vector.GetProperty(name).GetString()!;

    private static (Key Key, CosignerKey Public) VectorKey()
    {
        var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(V("seedHex")), KeyBlobFormat.RawPrivateKey);
        return (key, CosignerKey.Parse(V("vkey"), out _)!);
    }

    [Fact]
    public void Sign_VectorKeyAndBody_GivesTheIndependentlyComputedLine()
    {
        var (key, cosigner) = VectorKey();
        using (key)
        {
            var line = Cosignature.Sign(key, cosigner, V("checkpointBody"), Vector.GetProperty("timestamp").GetInt64());

            Assert.Equal(V("signatureLine") + "\n", line);
        }
    }

    [Fact]
    public void Vkey_VectorKey_RoundTripsAndKeyIdFollowsTheSpecFormula()
    {
        var (key, cosigner) = VectorKey();
        using (key)
        {
            var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            var id = SHA256.HashData([.. Encoding.UTF8.GetBytes("witness.example/vigil-vector\n"), 0x04, .. publicKey]);

            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(id), cosigner.KeyId);
            Assert.Equal(V("vkey"), new CosignerKey(cosigner.Name, publicKey).Vkey);
        }
    }

    [Fact]
    public void Verify_VectorLine_ReturnsItsTimestamp()
    {
        var (key, cosigner) = VectorKey();
        key.Dispose();

        Assert.Equal(1679315147L, Cosignature.Verify(cosigner, V("checkpointBody"), V("signatureLine")));
    }

    [Theory]
    [InlineData("20852163", "20852164")]
    [InlineData("CsUYap", "CsUYaq")]
    public void Verify_TamperedBody_ReturnsNull(string from, string to)
    {
        var (key, cosigner) = VectorKey();
        key.Dispose();

        Assert.Null(Cosignature.Verify(cosigner, V("checkpointBody").Replace(from, to, StringComparison.Ordinal), V("signatureLine")));
    }

    [Fact]
    public void Sign_SpecExampleLayout_MatchesTheSpecsBlob()
    {
        var (key, cosigner) = VectorKey();
        using (key)
        {
            var ours = Convert.FromBase64String(Cosignature.Sign(key, cosigner, V("checkpointBody"), 1679315147).Split(' ')[2].TrimEnd('\n'));
            var spec = Convert.FromBase64String(V("specExampleLine").Split(' ')[2]);

            Assert.Equal(spec.Length, ours.Length);
            Assert.Equal(spec.AsSpan(4, 8).ToArray(), ours.AsSpan(4, 8).ToArray());
        }
    }

    [Theory]
    [InlineData("witness.example/vigil-vector+e8818168+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4", "does not match")]
    [InlineData("witness.example/vigil-vector+e8818169+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4", "type 0x04")]
    [InlineData("no-plus-signs", "NAME+KEYID")]
    public void Parse_BadVkey_NamesWhy(string vkey, string why)
    {
        Assert.Null(CosignerKey.Parse(vkey, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }
}
