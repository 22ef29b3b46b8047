using CsCheck;
using Vigil.Server.Gateway;

namespace Vigil.Server.Tests;

public sealed class MqttFixedHeaderScannerTests
{
    private const int Max = 1000;

    private static readonly Gen<byte[]> Packet = Gen.Int[0, Max].SelectMany(length => Gen.Byte.Array[length].Select(body => Encode(0x30, length, body)));

    [Fact]
    public void Scan_PacketsWithinTheLimitSplitAnywhere_NeverReports()
    {
        Gen.Select(Packet.Array[1, 8], Gen.Int[1, 64]).Sample((packets, chunk) =>
        {
            var stream = packets.SelectMany(p => p).ToArray();
            var scanner = new MqttFixedHeaderScanner(Max);
            for (var i = 0; i < stream.Length; i += chunk)
            {
                if (scanner.Scan(stream.AsSpan(i, Math.Min(chunk, stream.Length - i))) is not null)
                {
                    return false;
                }
            }

            return true;
        }, iter: 300);
    }

    [Fact]
    public void Scan_OversizedAnnouncementAfterValidPackets_ReportsItsSizeWhateverTheSplit()
    {
        Gen.Select(Packet.Array[0, 4], Gen.Int[Max + 1, 268_435_455], Gen.Int[1, 16]).Sample((packets, announced, chunk) =>
        {
            byte[] stream = [.. packets.SelectMany(p => p), .. Header(0x30, announced)];
            var scanner = new MqttFixedHeaderScanner(Max);
            long? reported = null;
            for (var i = 0; i < stream.Length && reported is null; i += chunk)
            {
                reported = scanner.Scan(stream.AsSpan(i, Math.Min(chunk, stream.Length - i)));
            }

            return reported == announced;
        }, iter: 300);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x00, 0xC0, 0x00 })]
    [InlineData(new byte[] { 0x10, 0x7F })]
    public void Scan_SmallPackets_PassThrough(byte[] bytes) =>
        Assert.Null(new MqttFixedHeaderScanner(Max).Scan(bytes));

    [Fact]
    public void Scan_LengthWithAFifthContinuationByte_IsReported() =>
        Assert.NotNull(new MqttFixedHeaderScanner(int.MaxValue).Scan([0x30, 0x80, 0x80, 0x80, 0x80, 0x01]));

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x36)]
    [InlineData(0x60)]
    [InlineData(0x80)]
    [InlineData(0xA0)]
    [InlineData(0x11)]
    [InlineData(0xC1)]
    public void Scan_TypeByteMqttForbids_IsReportedAsSuch(byte first)
    {
        var scanner = new MqttFixedHeaderScanner(Max);

        Assert.Equal(0, scanner.Scan([0xC0, 0x00, first, 0x00]));
        Assert.Equal(first, scanner.ForbiddenTypeByte);
    }

    [Theory]
    [InlineData(0x10)]
    [InlineData(0x3B)]
    [InlineData(0x62)]
    [InlineData(0x82)]
    [InlineData(0xA2)]
    [InlineData(0xE0)]
    [InlineData(0xF0)]
    public void Scan_TypeByteMqttAllows_PassesThrough(byte first) =>
        Assert.Null(new MqttFixedHeaderScanner(Max).Scan([first, 0x00]));

    private static byte[] Encode(byte type, int length, byte[] body) => [.. Header(type, length), .. body];

    private static byte[] Header(byte type, int length)
    {
        var bytes = new List<byte> { type };
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            bytes.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        return [.. bytes];
    }
}
