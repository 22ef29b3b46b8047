using CsCheck;

namespace Vigil.Protocol.Tests;

public sealed class TamperPropertyTests : IClassFixture<TamperPropertyTests.SealedFixture>
{
    private readonly SealedFixture _fixture;

    public TamperPropertyTests(SealedFixture fixture) => _fixture = fixture;

    [Fact]
    public void Open_UntamperedFixture_Opens() =>
        Assert.True(_fixture.Platform.Opener.Open(_fixture.Envelope).IsSuccess);

    [Fact]
    public void Open_AnyByteFlippedAnywhere_NeverOpens()
    {
        var envelope = _fixture.Envelope;
        Gen.Select(Gen.Int[0, envelope.Length - 1], Gen.Byte[1, 255]).Sample((index, mask) =>
        {
            var tampered = envelope.ToArray();
            tampered[index] ^= mask;
            var result = _fixture.Platform.Opener.Open(tampered);
            return !result.IsSuccess;
        }, iter: 3000);
    }

    [Fact]
    public void Open_EachBitFlippedInTurn_NeverOpens()
    {
        var envelope = _fixture.Envelope;
        var opened = new List<int>();
        for (var bit = 0; bit < envelope.Length * 8; bit += 3)
        {
            var tampered = envelope.ToArray();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            if (_fixture.Platform.Opener.Open(tampered).IsSuccess)
            {
                opened.Add(bit);
            }
        }

        Assert.Empty(opened);
    }

    [Fact]
    public void Open_TruncatedAtAnyLength_NeverOpens()
    {
        var envelope = _fixture.Envelope;
        for (var length = 0; length < envelope.Length; length++)
        {
            Assert.False(_fixture.Platform.Opener.Open(envelope.AsMemory(0, length)).IsSuccess);
        }
    }

    [Fact]
    public void Open_RandomBytes_FailCleanly()
    {
        Gen.Byte.Array[0, 3000].Sample(bytes => !_fixture.Platform.Opener.Open(bytes).IsSuccess, iter: 2000);
    }

    [Fact]
    public void Open_RandomBytesBehindAnEncrypt0Prefix_FailCleanly()
    {
        Gen.Byte.Array[0, 600].Sample(
            bytes => !_fixture.Platform.Opener.Open((byte[])[0xD0, 0x83, .. bytes]).IsSuccess, iter: 2000);
    }

    public sealed class SealedFixture : IDisposable
    {
        public SealedFixture()
        {
            Platform = new TestPlatform();
            var device = Platform.Enroll("tamper-1");
            Envelope = device.Seal(9);
        }

        public TestPlatform Platform { get; }

        public byte[] Envelope { get; }

        public void Dispose() => Platform.Dispose();
    }
}
