using System.Formats.Cbor;
using System.Security.Cryptography;
using Vigil.Domain.Devices;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Receipts;

namespace Vigil.Protocol.Tests;

/// <summary>
/// Inputs the platform's COSE reader cannot decode in ways beyond a CBOR content error: each
/// decoder answers "not valid" and throws nothing.
/// </summary>
public sealed class UndecodableInputTests
{
    /// <summary>A tagged COSE_Sign1 whose protected header has an integer label beyond 32 bits.</summary>
    private static byte[] Sign1WithWideLabel()
    {
        var header = new CborWriter(CborConformanceMode.Lax);
        header.WriteStartMap(2);
        header.WriteInt32(1);
        header.WriteInt32(-7);
        header.WriteUInt64(1UL << 40);
        header.WriteInt32(0);
        header.WriteEndMap();

        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteTag((CborTag)18);
        writer.WriteStartArray(4);
        writer.WriteByteString(header.Encode());
        writer.WriteStartMap(0);
        writer.WriteEndMap();
        writer.WriteByteString("payload"u8);
        writer.WriteByteString(new byte[64]);
        writer.WriteEndArray();
        return writer.Encode();
    }

    [Fact]
    public void Receipt_ProtectedHeaderLabelBeyond32Bits_IsNotValid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Null(ReceiptCodec.Verify(Sign1WithWideLabel(), key));
    }

    [Fact]
    public void ContentDigest_ProtectedHeaderLabelBeyond32Bits_IsNull()
    {
        Assert.Null(BatchSignature.ContentDigestOf(Sign1WithWideLabel()));
    }

    [Fact]
    public void SignedBatch_ProtectedHeaderLabelBeyond32Bits_IsMalformed()
    {
        Assert.Equal(OpenFailure.Malformed, SignedBatchHeaders.TryRead(Sign1WithWideLabel()).Failure);
    }

    [Theory]
    [InlineData(2100, 1, 1)]
    [InlineData(9999, 12, 31)]
    public void Receipt_AcceptedOutsideProtocolTime_IsNotValid(int year, int month, int day)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var receipt = new Receipt(DeviceId.Parse("edge-1"), 1, new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), new byte[32], "stored");

        Assert.Null(ReceiptCodec.Verify(ReceiptCodec.Sign(receipt, key, new byte[16]), key));
    }

    [Fact]
    public void Receipt_AcceptedInsideProtocolTime_Verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var receipt = new Receipt(DeviceId.Parse("edge-1"), 1, new DateTimeOffset(2099, 12, 31, 23, 59, 59, TimeSpan.Zero), new byte[32], "stored");

        Assert.Equal(receipt.AcceptedAt, ReceiptCodec.Verify(ReceiptCodec.Sign(receipt, key, new byte[16]), key)?.AcceptedAt);
    }
}
