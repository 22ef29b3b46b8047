using System.Text;
using System.Text.Unicode;
using Vigil.Domain.Devices;

namespace Vigil.Record.Changes;

/// <summary>
/// A change notification: what changed in the record, by kind and subject, sent by the process
/// that changed it once its transaction has committed. On the wire (a PostgreSQL <c>NOTIFY</c>
/// payload, a datagram on the SQLite record's socket) it is UTF-8 text <c>kind:subject</c>, at
/// most <see cref="MaxPayloadBytes"/> bytes: <c>device:cgm-1</c>, <c>registry:*</c>. A
/// notification only says where to look; whoever receives one reads the record itself.
/// </summary>
public readonly record struct RecordChange
{
    /// <summary>The longest payload accepted.</summary>
    public const int MaxPayloadBytes = 256;

    private const string Everything = "*";

    private static readonly RecordChangeKind[] Kinds = Enum.GetValues<RecordChangeKind>();

    private readonly string? _subject;

    private RecordChange(RecordChangeKind kind, string subject)
    {
        Kind = kind;
        _subject = subject;
    }

    /// <summary>Anything in the registry may have changed: after a listener (re)connects, or a change too large to name.</summary>
    public static RecordChange Registry => new(RecordChangeKind.Registry, Everything);

    /// <summary>What changed.</summary>
    public RecordChangeKind Kind { get; }

    /// <summary>Which one: a device, relay or patient id, a model; <c>*</c> for the whole registry.</summary>
    public string Subject => _subject ?? Everything;

    /// <summary>The notification's text on the wire.</summary>
    public string Payload => $"{Name(Kind)}:{Subject}";

    /// <summary>A change of a device.</summary>
    public static RecordChange Device(DeviceId device) => Of(RecordChangeKind.Device, device.Value);

    /// <summary>A change of a device's flags.</summary>
    public static RecordChange Flag(DeviceId device) => Of(RecordChangeKind.Flag, device.Value);

    /// <summary>
    /// A change of a kind and subject; a subject that cannot be named in a payload (empty, too
    /// long, or with control characters) makes it a change of the whole registry, which is always true.
    /// </summary>
    public static RecordChange Of(RecordChangeKind kind, string? subject)
    {
        if (kind == RecordChangeKind.Registry || subject is not { Length: > 0 and <= MaxPayloadBytes } || !IsSubject(subject))
        {
            return Registry;
        }

        Span<byte> utf8 = stackalloc byte[MaxPayloadBytes * 3];
        return Utf8.FromUtf16(subject, utf8, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
            && written + Name(kind).Length + 1 <= MaxPayloadBytes
                ? new RecordChange(kind, subject)
                : Registry;
    }

    /// <summary>Parses a notification's payload, which is input: anything malformed is refused with a stable code, never thrown.</summary>
    public static RecordChangeParse Parse(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return RecordChangeParse.Fail("empty", "the payload is empty");
        }

        if (payload.Length > MaxPayloadBytes)
        {
            return RecordChangeParse.Fail("too-long", $"{payload.Length} bytes; the limit is {MaxPayloadBytes}");
        }

        if (!Utf8.IsValid(payload))
        {
            return RecordChangeParse.Fail("not-utf8", "the payload is not UTF-8");
        }

        var text = Encoding.UTF8.GetString(payload);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return RecordChangeParse.Fail("no-kind", $"'{Printable(text)}' is not kind:subject");
        }

        var name = text[..colon];
        var subject = text[(colon + 1)..];
        if (Array.FindIndex(Kinds, k => Name(k) == name) is var index && index < 0)
        {
            return RecordChangeParse.Fail("unknown-kind", $"'{Printable(name)}' is not a kind of change");
        }

        var kind = Kinds[index];
        return kind == RecordChangeKind.Registry
            ? subject == Everything ? RecordChangeParse.Ok(Registry) : RecordChangeParse.Fail("bad-subject", "a registry change names '*'")
            : subject.Length > 0 && IsSubject(subject)
                ? RecordChangeParse.Ok(new RecordChange(kind, subject))
                : RecordChangeParse.Fail("bad-subject", $"'{Printable(subject)}' is not a subject");
    }

    /// <inheritdoc />
    public override string ToString() => Payload;

    private static string Name(RecordChangeKind kind) => kind switch
    {
        RecordChangeKind.Device => "device",
        RecordChangeKind.Relay => "relay",
        RecordChangeKind.Patient => "patient",
        RecordChangeKind.Flag => "flag",
        RecordChangeKind.Firmware => "firmware",
        _ => "registry",
    };

    // No control characters and no line separators: a subject may be written to a log line.
    private static bool IsSubject(string subject) => !subject.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    // Refused text goes to a log line: control characters are replaced, so it cannot forge lines.
    private static string Printable(string text) => new([.. text.Take(64).Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? '?' : c)]);
}
