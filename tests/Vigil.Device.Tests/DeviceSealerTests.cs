using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Identity.Certificates;
using Vigil.Protocol;
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Sealing;

namespace Vigil.Device.Tests;

public sealed class DeviceSealerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Seal_ConsecutiveBatches_TakeIncreasingSequenceNumbersInOneSession()
    {
        var sealer = NewSealer(SessionPolicy.Default, out _);

        var first = sealer.Seal(Readings());
        var second = sealer.Seal(Readings());

        Assert.Equal(first.Sequence + 1, second.Sequence);
        Assert.Equal(Header(first).SessionId, Header(second).SessionId);
    }

    [Fact]
    public void Seal_AfterMaxAge_StartsANewSession()
    {
        var sealer = NewSealer(SessionPolicy.Default with { MaxAge = TimeSpan.FromHours(1) }, out _);
        var before = Header(sealer.Seal(Readings()));

        _time.Advance(TimeSpan.FromMinutes(61));
        var after = Header(sealer.Seal(Readings()));

        Assert.NotEqual(before.SessionId, after.SessionId);
        Assert.NotEqual(before.EphemeralPoint, after.EphemeralPoint);
    }

    [Fact]
    public void Seal_AfterMaxBatches_StartsANewSession()
    {
        var sealer = NewSealer(SessionPolicy.Default with { MaxBatches = 3 }, out _);

        var sessions = Enumerable.Range(0, 7).Select(_ => Convert.ToHexString(Header(sealer.Seal(Readings())).SessionId)).ToList();

        Assert.Equal(3, sessions.Distinct().Count());
        Assert.Equal(3, sessions.Take(3).Count(s => s == sessions[0]));
    }

    [Fact]
    public void Seal_EnvelopeHeader_NamesTheDeviceAndTheRecipient()
    {
        var sealer = NewSealer(SessionPolicy.Default, out var recipient);

        var header = Header(sealer.Seal(Readings()));

        Assert.Equal("dev-1", header.DeviceId.Value);
        Assert.Equal(recipient.KeyId, header.RecipientKeyId);
    }

    [Fact]
    public void Constructor_FirmwareDigestNotSha256_Throws() =>
        Assert.Throws<ArgumentException>(() => new DeviceSealer(Element(), Recipient(), new byte[5], _time));

    private DeviceSealer NewSealer(SessionPolicy policy, out RecipientKey recipient)
    {
        recipient = Recipient();
        return new DeviceSealer(Element(), recipient, SHA256.HashData("fw"u8), _time, policy);
    }

    private SoftwareSecureElement Element()
    {
        var maker = MakerAuthority.Create("M", _time.GetUtcNow().AddDays(-1), TimeSpan.FromDays(100));
        var certificate = maker.IssueDevice(DeviceId.Parse("dev-1"), new DeviceAttributes("M", "L", "1", "1"), _time.GetUtcNow().AddDays(-1), _time.GetUtcNow().AddDays(10));
        return new SoftwareSecureElement(certificate, new MemorySequenceCounter());
    }

    private static RecipientKey Recipient()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return new RecipientKey(key.ExportParameters(false), RandomNumberGenerator.GetBytes(16));
    }

    private Reading[] Readings() => [Reading.Single(MeasurementKind.Glucose, _time.GetUtcNow(), 100, "mg/dL")];

    private static EnvelopeHeader Header(SealedBatch batch) => EnvelopeCodec.TryDecode(batch.Envelope, ProtocolLimits.Default).Value!.Header;
}
