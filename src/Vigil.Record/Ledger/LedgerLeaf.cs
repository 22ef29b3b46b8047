using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Ledger;

/// <summary>
/// The bytes of a ledger leaf (docs/record.md, "Ledger"). A batch's leaf names the batch and
/// carries digests only: of the sealed envelope, of the device-signed batch, and of the readings
/// as stored with their verdict at ingest, so the ledger itself holds no patient data. The same
/// functions build the leaf when the batch is committed and when <c>vigil audit verify</c>
/// rebuilds it from the record.
/// </summary>
public static class LedgerLeaf
{
    /// <summary>The kind of a batch's entry.</summary>
    public const string BatchKind = "batch";

    private const string Version = "vigil-ledger/1";

    /// <summary>The subject of a batch's entry: <c>device#sequence</c>.</summary>
    public static string BatchSubject(string deviceId, ulong sequence) => string.Create(CultureInfo.InvariantCulture, $"{deviceId}#{sequence}");

    /// <summary>The device and sequence number a batch subject names; false if it names none.</summary>
    public static bool TryParseBatchSubject(string subject, out string deviceId, out ulong sequence)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var split = subject.LastIndexOf('#');
        deviceId = split > 0 ? subject[..split] : string.Empty;
        sequence = 0;
        return split > 0 && ulong.TryParse(subject.AsSpan(split + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>The leaf of an accepted batch.</summary>
    public static byte[] Batch(
        string deviceId, ulong sequence, long receivedAtMs, ReadOnlySpan<byte> envelopeSha256, ReadOnlySpan<byte> signedBatch, int readingCount, ReadOnlySpan<byte> readingsSha256)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Version} {BatchKind}\ndevice {deviceId}\nsequence {sequence}\nreceived {receivedAtMs}\nenvelope-sha256 {Convert.ToHexStringLower(envelopeSha256)}\nsigned-batch-sha256 {Convert.ToHexStringLower(SHA256.HashData(signedBatch))}\nreadings {readingCount}\nreadings-sha256 {Convert.ToHexStringLower(readingsSha256)}\n");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A digest over a batch's readings as stored, in index order, with their verdicts at ingest.</summary>
    public sealed class ReadingsDigest : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        /// <summary>Adds the next reading.</summary>
        public void Add(
            int index, string? patientId, int kind, long atMs, double? v0, double? v1, double? v2, string unit, int flags, string? code, int status, string reasons)
        {
            _hash.AppendData(Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"{index}\t{patientId}\t{kind}\t{atMs}\t{Value(v0)}\t{Value(v1)}\t{Value(v2)}\t{unit}\t{flags}\t{code}\t{status}\t{reasons}\n")));
        }

        /// <summary>The digest of what was added.</summary>
        public byte[] Finish() => _hash.GetHashAndReset();

        /// <inheritdoc />
        public void Dispose() => _hash.Dispose();

        private static string Value(double? v) => v is { } d ? BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture) : "-";
    }
}
