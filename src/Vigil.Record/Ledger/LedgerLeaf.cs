using System.Buffers.Binary;
using System.Globalization;

namespace Vigil.Record.Ledger;

/// <summary>
/// The bytes of a ledger leaf (docs/record.md, "Ledger"). An access's leaf says who read whose
/// data, when and why (the ids are pseudonyms, so it holds no patient data). A batch's leaf names the batch and
/// carries digests of what the record stores for it: the sealed envelope as received, the sealed
/// device-signed batch, and its readings as stored (ids and times in clear, values and verdicts
/// sealed) with their verdict at ingest; a verdict revision's leaf names the reading and carries a
/// digest of the new sealed verdict. The ledger itself therefore holds no patient data, and
/// the auditor rebuilds every leaf without any key. The same functions build the leaf when the
/// batch is committed and when <c>vigil audit verify</c> rebuilds it from the record.
/// </summary>
public static class LedgerLeaf
{
    /// <summary>The kind of a batch's entry.</summary>
    public const string BatchKind = "batch";

    /// <summary>The kind of an access's entry.</summary>
    public const string AccessKind = "access";

    /// <summary>The kind of a verdict revision's entry.</summary>
    public const string VerdictKind = "verdict";

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

    /// <summary>The leaf of an accepted batch as version 2 wrote it (batches stored before version 3; docs/record.md).</summary>
    public static byte[] Batch(
        string deviceId, ulong sequence, long receivedAtMs, string? patientId, ReadOnlySpan<byte> envelopeSha256, ReadOnlySpan<byte> sealedBatch, int readingCount,
        ReadOnlySpan<byte> readingsSha256)
    {
        Span<byte> sealedSha256 = stackalloc byte[32];
        Sha256.Hash(sealedBatch, sealedSha256);
        var text = new LeafText(stackalloc byte[512]);
        text.Line(Header(BatchKind));
        text.Field("device", deviceId);
        text.Field("sequence", sequence);
        text.Field("received", receivedAtMs);
        text.Field("patient", patientId ?? "-");
        text.Hex("envelope-sha256", envelopeSha256);
        text.Hex("sealed-batch-sha256", sealedSha256);
        text.Field("readings", readingCount);
        text.Hex("readings-sha256", readingsSha256);
        return text.ToArrayAndDispose();
    }

    /// <summary>
    /// The leaf of an accepted batch (version 3): every column of the stored batch, the digests of
    /// the sealed envelope and sealed batch, and the readings' digest.
    /// </summary>
    public static byte[] Batch(in BatchColumns batch, ReadOnlySpan<byte> envelopeSha256, ReadOnlySpan<byte> sealedBatch, int readingCount, ReadOnlySpan<byte> readingsSha256)
    {
        Span<byte> sealedSha256 = stackalloc byte[32];
        Sha256.Hash(sealedBatch, sealedSha256);
        var text = new LeafText(stackalloc byte[768]);
        text.Line($"{FactLeaf.Version} {BatchKind}");
        text.Field("device", batch.DeviceId);
        text.Field("sequence", batch.Sequence);
        text.Field("created", batch.CreatedAtMs);
        text.Field("received", batch.ReceivedAtMs);
        text.Field("patient", batch.PatientId ?? "-");
        text.Field("source", FactLeaf.Value(SourceField, batch.Source));
        text.Hex("session", batch.SessionId);
        text.Field("session-start", batch.SessionStart is { } start ? start.ToString(CultureInfo.InvariantCulture) : "-");
        text.Hex("firmware-digest", batch.FirmwareDigest);
        text.Field("quarantined", batch.Quarantined ? 1 : 0);
        text.Field("rules", batch.RulesVersion is { } rules ? rules.ToString(CultureInfo.InvariantCulture) : "-");
        text.Hex("envelope-sha256", envelopeSha256);
        text.Hex("sealed-batch-sha256", sealedSha256);
        text.Field("readings", readingCount);
        text.Hex("readings-sha256", readingsSha256);
        return text.ToArrayAndDispose();
    }

    private static readonly FactField SourceField = new("source", "source", FactFieldType.Text);

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
        var text = new LeafText(stackalloc byte[512]);
        text.Line(Header(AccessKind));
        text.Field("id", id);
        text.Field("at", atMs);
        text.Field("user", userId);
        text.Field("role", role);
        text.Field("patient", patientId);
        text.Field("what", what);
        text.Field("purpose", purpose);
        if (breakGlassId is { } grant)
        {
            text.Field("break-glass", grant);
            text.Hex("break-glass-reason-sha256", Sha256.Hash(sealedReason));
        }
        else
        {
            text.Field("break-glass", "-");
            text.Field("break-glass-reason-sha256", "-");
        }

        return text.ToArrayAndDispose();
    }

    /// <summary>The subject of a verdict revision's entry: <c>device#sequence#index@version</c>.</summary>
    public static string VerdictSubject(string deviceId, ulong sequence, int index, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{deviceId}#{sequence}#{index}@{version}");

    /// <summary>The reading and verdict version a verdict subject names; false if it names none.</summary>
    public static bool TryParseVerdictSubject(string subject, out string deviceId, out ulong sequence, out int index, out int version)
    {
        ArgumentNullException.ThrowIfNull(subject);
        (deviceId, sequence, index, version) = (string.Empty, 0, 0, 0);
        var at = subject.LastIndexOf('@');
        var split = at > 0 ? subject.LastIndexOf('#', at - 1) : -1;
        return split > 0
            && int.TryParse(subject.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && int.TryParse(subject.AsSpan(split + 1, at - split - 1), NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && TryParseBatchSubject(subject[..split], out deviceId, out sequence);
    }

    /// <summary>
    /// The leaf of a verdict revision: which reading, which version of its verdict, the status and
    /// a digest of the sealed verdict (with its reasons), under which rules, why and when. A
    /// reading's first verdict is in its batch's leaf; each later one has an entry of its own, so a
    /// revision cannot be undone, nor one made, behind Vigil's back.
    /// </summary>
    public static byte[] Verdict(
        string deviceId, ulong sequence, int index, int version, int status, ReadOnlySpan<byte> sealedVerdict, int rulesVersion, string cause, long decidedAtMs)
    {
        var text = new LeafText(stackalloc byte[512]);
        text.Line(Header(VerdictKind));
        text.Field("device", deviceId);
        text.Field("sequence", sequence);
        text.Field("index", index);
        text.Field("version", version);
        text.Field("status", status);
        text.Hex("sealed-verdict-sha256", Sha256.Hash(sealedVerdict));
        text.Field("rules", rulesVersion);
        text.Field("cause", cause);
        text.Field("decided", decidedAtMs);
        return text.ToArrayAndDispose();
    }

    /// <summary>Lowercase hex.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>A digest over a batch's readings as stored, in index order, with their verdicts at ingest.</summary>
    /// <remarks>
    /// The bytes are gathered and hashed in one call when finished: a batch holds a few hundred
    /// bytes, and one SHA-256 call costs a fraction of eight (each crosses into the platform's
    /// crypto library), which the audit pays for every batch of the record.
    /// </remarks>
    public sealed class ReadingsDigest
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _bytes = new(512);

        /// <summary>Adds the next reading: its clear fields and its sealed values and sealed ingest verdict, each with its length.</summary>
        public void Add(int index, int kind, long atMs, ReadOnlySpan<byte> sealedValues, int status, ReadOnlySpan<byte> sealedVerdict)
        {
            // index, kind, time, length of the sealed values (big-endian 32, 32, 64, 32 bits), the
            // sealed values, status, length of the sealed verdict (32, 32), the sealed verdict.
            var span = _bytes.GetSpan(28 + sealedValues.Length + sealedVerdict.Length);
            BinaryPrimitives.WriteInt32BigEndian(span, index);
            BinaryPrimitives.WriteInt32BigEndian(span[4..], kind);
            BinaryPrimitives.WriteInt64BigEndian(span[8..], atMs);
            BinaryPrimitives.WriteInt32BigEndian(span[16..], sealedValues.Length);
            sealedValues.CopyTo(span[20..]);
            var at = 20 + sealedValues.Length;
            BinaryPrimitives.WriteInt32BigEndian(span[at..], status);
            BinaryPrimitives.WriteInt32BigEndian(span[(at + 4)..], sealedVerdict.Length);
            sealedVerdict.CopyTo(span[(at + 8)..]);
            _bytes.Advance(at + 8 + sealedVerdict.Length);
        }

        /// <summary>The digest of what was added; the digest is then empty again.</summary>
        public byte[] Finish()
        {
            var hash = Sha256.Hash(_bytes.WrittenSpan);
            _bytes.ResetWrittenCount();
            return hash;
        }
    }
}
