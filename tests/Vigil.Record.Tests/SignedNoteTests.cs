using System.Security.Cryptography;
using Vigil.Record.Ledger;

namespace Vigil.Record.Tests;

public sealed class SignedNoteTests
{
    private const string Origin = "vigil.ledger/test";

    [Fact]
    public void Open_SignedCheckpoint_ReturnsItsTextWhichParses()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var checkpoint = new Checkpoint(Origin, 738, SHA256.HashData("root"u8));

        var note = SignedNote.Sign(checkpoint.Body, Origin, key);

        var text = SignedNote.Open(note, Origin, key);
        Assert.Equal(checkpoint.Body, text);
        var parsed = Checkpoint.Parse(text!)!;
        Assert.Equal((Origin, 738L), (parsed.Origin, parsed.Size));
        Assert.Equal(checkpoint.RootHash, parsed.RootHash);
        Assert.StartsWith($"{Origin}\n738\n", note);
        Assert.Contains($"\n\n\u2014 {Origin} ", note);
    }

    [Theory]
    [InlineData("738", "739")]
    [InlineData("vigil.ledger/test\n", "vigil.ledger/other\n")]
    public void Open_TamperedText_IsRefused(string from, string to)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var note = SignedNote.Sign(new Checkpoint(Origin, 738, new byte[32]).Body, Origin, key);

        Assert.Null(SignedNote.Open(note.Replace(from, to, StringComparison.Ordinal), Origin, key));
    }

    [Fact]
    public void Open_OtherKeyOrName_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var note = SignedNote.Sign(new Checkpoint(Origin, 1, new byte[32]).Body, Origin, key);

        Assert.Null(SignedNote.Open(note, Origin, other));
        Assert.Null(SignedNote.Open(note, "vigil.ledger/other", key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("origin\n")]
    [InlineData("origin\n-1\nAAAA\n")]
    [InlineData("origin\n01\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("origin\n1\nnot base64\n")]
    [InlineData("origin\n1\nAAAA\n")]
    public void Parse_Malformed_IsNull(string body)
    {
        Assert.Null(Checkpoint.Parse(body));
    }

    [Fact]
    public void KeyId_IsTheFirstFourBytesOfTheSpkiHash()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var expected = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

        Assert.Equal(expected, SignedNote.KeyId(key));
    }
}
