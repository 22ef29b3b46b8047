using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Protocol.Batches;
using Vigil.Simulator.Sensors;

namespace Vigil.Protocol.Tests;

public sealed class RoundTripTests
{
    public static TheoryData<SensorKind> Kinds => [.. Enum.GetValues<SensorKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Open_SealedBatchOfEachSensorKind_ReturnsTheSameBatch(SensorKind kind)
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("rt-" + (int)kind);
        var readings = SensorReadings.Batch(kind, platform.Time.GetUtcNow(), new Random(7)).ToArray();
        var batch = device.Batch(41, readings);

        var envelope = Sealing.BatchSealer.Seal(batch, device.Key, device.KeyId, device.Session);
        var result = platform.Opener.Open(envelope);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Equal(batch, result.Batch.Content);
        Assert.Equal(device.Id, result.Batch.Device.Id);
        Assert.Equal(41UL, result.Batch.Header.Sequence);
    }

    [Fact]
    public void Encode_EcgBatchOf2500Samples_StaysCompact()
    {
        var readings = SensorReadings.Batch(SensorKind.EcgPatch, DateTimeOffset.UnixEpoch.AddYears(56), new Random(1));
        var batch = new BatchContent(DeviceId.Parse("ecg-1"), 1, DateTimeOffset.UnixEpoch.AddYears(56), TestDevice.Firmware, readings);

        var bytes = BatchEncoder.Encode(batch);

        Assert.Equal(2500, readings[0].Waveform!.Samples.Length);
        Assert.InRange(bytes.Length, 5000, 5200);
    }

    [Fact]
    public void Encode_ValuesOfEveryWidth_DecodeExactly()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_770_000_000_123);
        double[] values = [0, 1, -1, 97, 0.5, 36.6, 1e300, -123456789012, 0.1];
        var readings = values.Select(v => Reading.Single(MeasurementKind.BodyTemperature, time.AddMilliseconds(-v.GetHashCode() % 1000), v, "Cel")).ToArray();
        var batch = new BatchContent(DeviceId.Parse("t-1"), ulong.MaxValue, time, TestDevice.Firmware, readings);

        var decoded = BatchDecoder.TryDecode(BatchEncoder.Encode(batch), ProtocolLimits.Default);

        Assert.True(decoded.IsSuccess, decoded.Detail);
        Assert.Equal(batch, decoded.Value);
    }

    [Fact]
    public void Open_ManyBatchesOfOneSession_DerivesTheSessionKeyOnce()
    {
        using var platform = new TestPlatform();
        var device = platform.Enroll("cache-1");

        for (ulong seq = 1; seq <= 20; seq++)
        {
            Assert.True(platform.Opener.Open(device.Seal(seq)).IsSuccess);
        }

        device.Session = Sealing.SealingSession.Begin(device.Id, platform.Recipient, platform.Time.GetUtcNow());
        Assert.True(platform.Opener.Open(device.Seal(21)).IsSuccess);
        Assert.Equal(2, platform.Opener.Sessions.Count);
    }
}
