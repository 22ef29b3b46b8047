namespace Vigil.Record.Storage;

/// <summary>A reading's verdict at ingest, kept in the history since the verdict was revised.</summary>
internal sealed record FirstVerdict(string Device, long Sequence, int Index, int Status, byte[] SealedVerdict, int Rules, string Cause, long DecidedAt)
{
    /// <summary>The next one in a scan of <c>device_id, sequence, idx, status, sealed_verdict, rules_version, cause, decided_at</c>; null past the last.</summary>
    public static async ValueTask<FirstVerdict?> NextAsync(RowScan scan, CancellationToken cancellationToken) =>
        await scan.ReadAsync(cancellationToken)
            ? new FirstVerdict(scan.Text(0), scan.Long(1), scan.Int(2), scan.Int(3), scan.Blob(4).ToArray(), scan.Int(5), scan.Text(6), scan.Long(7))
            : null;

    /// <summary>Its order against a reading's key.</summary>
    public int CompareTo(string device, long sequence, int index)
    {
        var byDevice = string.CompareOrdinal(Device, device);
        return byDevice != 0 ? byDevice : Sequence != sequence ? Sequence.CompareTo(sequence) : Index.CompareTo(index);
    }
}
