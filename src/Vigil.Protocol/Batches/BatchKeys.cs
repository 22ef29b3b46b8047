namespace Vigil.Protocol.Batches;

/// <summary>Map keys of the batch payload (docs/protocol.md, "Batch").</summary>
internal static class BatchKeys
{
    public const uint Version = 1;
    public const uint DeviceId = 2;
    public const uint Sequence = 3;
    public const uint Created = 4;
    public const uint FirmwareDigest = 5;
    public const uint Readings = 6;

    public const uint Kind = 1;
    public const uint TimeOffset = 2;
    public const uint Values = 3;
    public const uint Unit = 4;
    public const uint Flags = 5;
    public const uint Code = 6;
    public const uint Waveform = 7;
}
