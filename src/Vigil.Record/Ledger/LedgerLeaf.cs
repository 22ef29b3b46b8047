using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Record.Ledger;

/// <summary>
/// The bytes of a ledger leaf (docs/record.md, "Ledger"). An access's leaf says who read whose
/// data, when and why (the ids are pseudonyms, so it holds no patient data). A batch's leaf names the batch and
/// carries digests of what the record stores for it: the sealed envelope as received, the sealed
/// device-signed batch, and its readings as stored (ids and times in clear, values and verdicts
/// sealed) with their verdict at ingest. The ledger itself therefore holds no patient data, and
/// the auditor rebuilds every leaf without any key. The same functions build the leaf when the
/// batch is committed and when <c>vigil audit verify</c> rebuilds it from the record.
/// </summary>
public static class LedgerLeaf
{
    /// <summary>The kind of a batch's entry.</summary>
    public const string BatchKind = "batch";

    /// <summary>The kind of an access's entry.</summary>
    public const string AccessKind = "access";

    private const string Version = "vigil-ledger/2";

    /// <summary>The first line of every leaf of a kind.</summary>
    public static string Header(string kind) => $"{Version} {kind}";

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
        string deviceId, ulong sequence, long receivedAtMs, string? patientId, ReadOnlySpan<byte> envelopeSha256, ReadOnlySpan<byte> sealedBatch, int readingCount,
        ReadOnlySpan<byte> readingsSha256)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Header(BatchKind)}\ndevice {deviceId}\nsequence {sequence}\nreceived {receivedAtMs}\npatient {patientId ?? "-"}\nenvelope-sha256 {Hex(envelopeSha256)}\nsealed-batch-sha256 {Hex(SHA256.HashData(sealedBatch))}\nreadings {readingCount}\nreadings-sha256 {Hex(readingsSha256)}\n");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The subject of an access's entry: <c>access#id</c>.</summary>
    public static string AccessSubject(long id) => string.Create(CultureInfo.InvariantCulture, $"access#{id}");

    /// <summary>The access an access subject names; false if it names none.</summary>
    public static bool TryParseAccessSubject(string subject, out long id)
    {
        ArgumentNullException.ThrowIfNull(subject);
        id = 0;
        return subject.StartsWith("access#", StringComparison.Ordinal)
            && long.TryParse(subject.AsSpan("access#".Length), NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>
    /// The leaf of an access to patient data: who, in which role, whose data, what, when and why;
    /// for break-glass, the grant and a digest of its sealed reason.
    /// </summary>
    public static byte[] Access(
        long id, long atMs, string userId, string role, string patientId, string what, string purpose, long? breakGlassId, ReadOnlySpan<byte> sealedReason)
    {
        var reason = breakGlassId is null ? "-" : Hex(SHA256.HashData(sealedReason));
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Header(AccessKind)}\nid {id}\nat {atMs}\nuser {userId}\nrole {role}\npatient {patientId}\nwhat {what}\npurpose {purpose}\nbreak-glass {breakGlassId?.ToString(CultureInfo.InvariantCulture) ?? "-"}\nbreak-glass-reason-sha256 {reason}\n");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Lowercase hex.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>A digest over a batch's readings as stored, in index order, with their verdicts at ingest.</summary>
    public sealed class ReadingsDigest : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        /// <summary>Adds the next reading: its clear fields, and digests of its sealed values and sealed ingest verdict.</summary>
        public void Add(int index, int kind, long atMs, ReadOnlySpan<byte> sealedValues, int status, ReadOnlySpan<byte> sealedVerdict)
        {
            _hash.AppendData(Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"{index}\t{kind}\t{atMs}\t{Hex(SHA256.HashData(sealedValues))}\t{status}\t{Hex(SHA256.HashData(sealedVerdict))}\n")));
        }

        /// <summary>The digest of what was added.</summary>
        public byte[] Finish() => _hash.GetHashAndReset();

        /// <inheritdoc />
        public void Dispose() => _hash.Dispose();
    }
}
