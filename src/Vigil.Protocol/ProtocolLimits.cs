namespace Vigil.Protocol;

/// <summary>
/// The documented bounds on untrusted input (docs/protocol.md, "Limits"). Anything beyond them
/// is refused before it costs more than a linear scan.
/// </summary>
public sealed record ProtocolLimits
{
    /// <summary>The defaults the protocol specifies.</summary>
    public static ProtocolLimits Default { get; } = new();

    /// <summary>Largest sealed envelope accepted, in bytes.</summary>
    public int MaxEnvelopeBytes { get; init; } = 64 * 1024;

    /// <summary>Deepest nesting of arrays and maps in any CBOR structure (the protocol needs 4).</summary>
    public int MaxNestingDepth { get; init; } = 8;

    /// <summary>Most CBOR data items in one structure.</summary>
    public int MaxItems { get; init; } = 65_536;

    /// <summary>Most readings in one batch.</summary>
    public int MaxReadings { get; init; } = 4_096;

    /// <summary>Most values in one reading.</summary>
    public int MaxValuesPerReading { get; init; } = 16;

    /// <summary>Most samples in one waveform.</summary>
    public int MaxWaveformSamples { get; init; } = 30_000;

    /// <summary>Longest text string (device id, unit, code), in UTF-8 bytes.</summary>
    public int MaxTextBytes { get; init; } = 128;

    /// <summary>Longest a session may be used, from its start to a batch's creation time.</summary>
    public TimeSpan MaxSessionAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Most batches one session may seal (the span of sequence numbers seen in it).</summary>
    public ulong MaxBatchesPerSession { get; init; } = 65_536;

    /// <summary>Tolerance between a batch's creation time and its session's start.</summary>
    public TimeSpan SessionClockTolerance { get; init; } = TimeSpan.FromMinutes(5);
}
