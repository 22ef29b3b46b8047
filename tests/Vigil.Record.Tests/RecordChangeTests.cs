using System.Text;
using CsCheck;
using Vigil.Domain.Devices;
using Vigil.Record.Changes;

namespace Vigil.Record.Tests;

public sealed class RecordChangeTests
{
    public static TheoryData<string, RecordChangeKind, string> Valid => new()
    {
        { "device:cgm-1", RecordChangeKind.Device, "cgm-1" },
        { "relay:hub-1", RecordChangeKind.Relay, "hub-1" },
        { "patient:p-7", RecordChangeKind.Patient, "p-7" },
        { "flag:cgm-1", RecordChangeKind.Flag, "cgm-1" },
        { "firmware:Vigil G7", RecordChangeKind.Firmware, "Vigil G7" },
        { "firmware:a:b", RecordChangeKind.Firmware, "a:b" },
        { "registry:*", RecordChangeKind.Registry, "*" },
    };

    public static TheoryData<byte[], string> Malformed => new()
    {
        { [], "empty" },
        { Encoding.UTF8.GetBytes("device:" + new string('x', RecordChange.MaxPayloadBytes)), "too-long" },
        { [0x64, 0x3A, 0xFF, 0xFE], "not-utf8" },
        { Encoding.UTF8.GetBytes("device"), "no-kind" },
        { Encoding.UTF8.GetBytes(":cgm-1"), "no-kind" },
        { Encoding.UTF8.GetBytes("devices:cgm-1"), "unknown-kind" },
        { Encoding.UTF8.GetBytes("DEVICE:cgm-1"), "unknown-kind" },
        { Encoding.UTF8.GetBytes("device:"), "bad-subject" },
        { Encoding.UTF8.GetBytes("device:cgm-1\nforged log line"), "bad-subject" },
        { Encoding.UTF8.GetBytes("registry:cgm-1"), "bad-subject" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_WellFormed_NamesKindAndSubject(string payload, RecordChangeKind kind, string subject)
    {
        var parsed = RecordChange.Parse(Encoding.UTF8.GetBytes(payload));

        Assert.True(parsed.IsSuccess, parsed.Detail);
        Assert.Equal(kind, parsed.Change.Kind);
        Assert.Equal(subject, parsed.Change.Subject);
        Assert.Equal(payload, parsed.Change.Payload);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_Malformed_IsRefusedWithItsCode(byte[] payload, string code)
    {
        var parsed = RecordChange.Parse(payload);

        Assert.False(parsed.IsSuccess);
        Assert.Equal(code, parsed.Code);
        Assert.DoesNotContain('\n', parsed.Detail!);
    }

    [Fact]
    public void Of_SubjectThatCannotBeNamed_IsAChangeOfTheWholeRegistry()
    {
        Assert.Equal(RecordChange.Registry, RecordChange.Of(RecordChangeKind.Patient, ""));
        Assert.Equal(RecordChange.Registry, RecordChange.Of(RecordChangeKind.Firmware, new string('m', RecordChange.MaxPayloadBytes)));
        Assert.Equal(RecordChange.Registry, RecordChange.Of(RecordChangeKind.Relay, "hub\u0000"));
        Assert.Equal("registry:*", default(RecordChange).Payload);
        Assert.Equal("device:cgm-1", RecordChange.Device(DeviceId.Parse("cgm-1")).Payload);
    }

    [Fact]
    public void Parse_AnyBytes_NeverThrowsAndAcceptsOnlyWhatItCanWriteBack() =>
        Gen.Byte.Array[0, RecordChange.MaxPayloadBytes + 8].Sample(bytes =>
        {
            var parsed = RecordChange.Parse(bytes);
            return parsed.IsSuccess ? Encoding.UTF8.GetBytes(parsed.Change.Payload).AsSpan().SequenceEqual(bytes) : parsed.Code is not null;
        });

    [Fact]
    public void Of_AnyKindAndSubject_ParsesBackToItself() =>
        Gen.Select(Gen.Enum<RecordChangeKind>(), Gen.String[Gen.Char, 0, 300]).Sample((kind, subject) =>
        {
            var change = RecordChange.Of(kind, subject);
            var parsed = RecordChange.Parse(Encoding.UTF8.GetBytes(change.Payload));
            return parsed.IsSuccess && parsed.Change == change;
        });
}
