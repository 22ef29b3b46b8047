using System.Security.Cryptography;
using System.Text;
using Vigil.Record.Ledger;

namespace Vigil.Record.Tests;

/// <summary>The ledger's leaves are persisted and signed: their bytes must never change (docs/record.md).</summary>
public sealed class LedgerLeafTests
{
    private static readonly byte[] Envelope = SHA256.HashData("envelope"u8);
    private static readonly byte[] Sealed = "sealed batch"u8.ToArray();

    [Fact]
    public void Batch_Leaf_IsTheDocumentedText()
    {
        var digest = new LedgerLeaf.ReadingsDigest();
        digest.Add(0, 1, 1796152504982, "values"u8, 0, "verdict"u8);
        digest.Add(1, 2, 1796152504982, "values 2"u8, 1, "verdict 2"u8);
        var readings = digest.Finish();

        var leaf = Encoding.UTF8.GetString(LedgerLeaf.Batch("cgm-0001", 42, 1796152504987, "p-0001", Envelope, Sealed, 2, readings));

        byte[] lines =
        [
            0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0x01, 0xA2, 0x33, 0x08, 0x32, 0x96, 0, 0, 0, 6, .. "values"u8, 0, 0, 0, 0, 0, 0, 0, 7, .. "verdict"u8,
            0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0x01, 0xA2, 0x33, 0x08, 0x32, 0x96, 0, 0, 0, 8, .. "values 2"u8, 0, 0, 0, 1, 0, 0, 0, 9, .. "verdict 2"u8,
        ];
        Assert.Equal(
            "vigil-ledger/2 batch\ndevice cgm-0001\nsequence 42\nreceived 1796152504987\npatient p-0001\n"
            + $"envelope-sha256 {Convert.ToHexStringLower(Envelope)}\nsealed-batch-sha256 {Hex(Sealed)}\nreadings 2\n"
            + $"readings-sha256 {Hex(lines)}\n",
            leaf);
    }

    [Fact]
    public void Batch_WithoutPatientAndAtTheLargestSequence_WritesDashAndTheUnsignedNumber()
    {
        var leaf = Encoding.UTF8.GetString(LedgerLeaf.Batch("oxi-9", ulong.MaxValue, 1, null, Envelope, Sealed, 0, SHA256.HashData([])));

        Assert.Contains("\nsequence 18446744073709551615\n", leaf, StringComparison.Ordinal);
        Assert.Contains("\npatient -\n", leaf, StringComparison.Ordinal);
    }

    [Fact]
    public void Access_Leaf_IsTheDocumentedText()
    {
        var plain = Encoding.UTF8.GetString(LedgerLeaf.Access(17, 1796152504982, "dr-ada", "Clinician", "p-0001", "patient.readings", "care-team", null, []));
        var glass = Encoding.UTF8.GetString(LedgerLeaf.Access(18, 1796152504983, "dr-bob", "Clinician", "p-0002", "break-glass.open", "break-glass", 4, "reason"u8));

        Assert.Equal(
            "vigil-ledger/2 access\nid 17\nat 1796152504982\nuser dr-ada\nrole Clinician\npatient p-0001\nwhat patient.readings\npurpose care-team\nbreak-glass -\nbreak-glass-reason-sha256 -\n",
            plain);
        Assert.EndsWith($"purpose break-glass\nbreak-glass 4\nbreak-glass-reason-sha256 {Hex("reason"u8)}\n", glass, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdict_Leaf_IsTheDocumentedText()
    {
        var leaf = Encoding.UTF8.GetString(LedgerLeaf.Verdict("cgm-0001", 42, 3, 2, 1, "sealed verdict"u8, 4, "recall 7", 1796152504990));

        Assert.Equal(
            "vigil-ledger/2 verdict\ndevice cgm-0001\nsequence 42\nindex 3\nversion 2\nstatus 1\n"
            + $"sealed-verdict-sha256 {Hex("sealed verdict"u8)}\nrules 4\ncause recall 7\ndecided 1796152504990\n",
            leaf);
    }

    [Theory]
    [InlineData("cgm-0001", 42UL, 3, 2)]
    [InlineData("hub#7/cgm", ulong.MaxValue, 0, 1000)]
    public void VerdictSubject_ParsesBackToWhatItNames(string device, ulong sequence, int index, int version)
    {
        var subject = LedgerLeaf.VerdictSubject(device, sequence, index, version);

        Assert.True(LedgerLeaf.TryParseVerdictSubject(subject, out var d, out var s, out var i, out var v));
        Assert.Equal((device, sequence, index, version), (d, s, i, v));
    }

    [Theory]
    [InlineData("cgm-1#4")]
    [InlineData("cgm-1#4#0")]
    [InlineData("cgm-1#x#0@2")]
    [InlineData("#4#0@2")]
    [InlineData("cgm-1#4#0@")]
    public void VerdictSubject_Malformed_IsNotParsed(string subject) =>
        Assert.False(LedgerLeaf.TryParseVerdictSubject(subject, out _, out _, out _, out _));

    [Fact]
    public void Batch_LongIdentifiers_GrowTheBufferAndStayExact()
    {
        var device = new string('d', 400);
        var patient = new string('p', 400);

        var leaf = Encoding.UTF8.GetString(LedgerLeaf.Batch(device, 1, 1, patient, Envelope, Sealed, 0, SHA256.HashData([])));

        Assert.Contains($"\ndevice {device}\n", leaf, StringComparison.Ordinal);
        Assert.Contains($"\npatient {patient}\n", leaf, StringComparison.Ordinal);
    }

    private static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
