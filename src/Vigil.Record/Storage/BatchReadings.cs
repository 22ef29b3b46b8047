namespace Vigil.Record.Storage;

/// <summary>
/// The readings stored under one (device, sequence): their digest, their indexes, and what they
/// all say of their batch (patient, received time, ingest rules), unless they disagree.
/// </summary>
internal sealed record BatchReadings(
    string Device, long Sequence, byte[] Digest, List<int> Indexes, string? Patient, long Received, int? Rules, bool Consistent, bool IngestHolds)
{
    /// <summary>Their order against a batch's key: device ids are ASCII, so ordinal comparison agrees with the databases' binary order.</summary>
    public int CompareTo(string device, long sequence)
    {
        var byDevice = string.CompareOrdinal(Device, device);
        return byDevice != 0 ? byDevice : Sequence.CompareTo(sequence);
    }
}
