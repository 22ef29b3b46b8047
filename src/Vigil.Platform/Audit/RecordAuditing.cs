using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Record;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Platform.Audit;

/// <summary>
/// The audit of the record against its ledger and the platform signing key, for the CLI, the API
/// and the console: it recomputes every leaf from the record and checks it against every signed
/// checkpoint. The whole audit also holds the record against the cosigned checkpoints the data
/// folder keeps, so that a record cut behind a checkpoint a witness cosigned is named too.
/// </summary>
public sealed class RecordAuditing(RecordStore record, DataFolder folder, CosignedCheckpoints cosigned)
{
    /// <summary>Checks the record against its ledger and signed checkpoints, reporting progress in entries checked.</summary>
    public async Task<AuditReport> VerifyLedgerAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var signing = folder.SigningCertificate;
        using var key = signing.GetECDsaPublicKey()!;
        return await new LedgerAudit(record.Ledger, record.Audit).VerifyAsync(key, CheckpointSigner.OriginOf(signing), progress, cancellationToken);
    }

    /// <summary>
    /// What does not hold of a checkpoint of this log kept outside the record (<paramref name="note"/>):
    /// its signature by <paramref name="logKey"/>, the cosignatures of <paramref name="witnesses"/>,
    /// and the record's consistency with it. Empty if everything holds.
    /// </summary>
    public IReadOnlyList<string> CheckOutside(string note, ECDsa logKey, string origin, IReadOnlyList<CosignerKey> witnesses) =>
        OutsideCheckpointCheck.Check(record.Ledger, note, logKey, origin, witnesses);

    /// <summary>What does not hold of the cosigned checkpoints the data folder keeps, against the record; empty if everything holds.</summary>
    public IReadOnlyList<string> CheckCosigned(ECDsa logKey, string origin, IReadOnlyList<CosignerKey> witnesses) =>
        OutsideCheckpointCheck.CheckCosigned(record.Ledger, cosigned, logKey, origin, witnesses);

    /// <summary>Runs the whole audit; returns its report and how long it took.</summary>
    public async Task<(AuditReport Report, TimeSpan Took)> RunAsync(CancellationToken cancellationToken = default)
    {
        using var signing = folder.SigningCertificate;
        using var key = signing.GetECDsaPublicKey()!;
        var origin = CheckpointSigner.OriginOf(signing);
        var started = Stopwatch.GetTimestamp();
        var report = await new LedgerAudit(record.Ledger, record.Audit).VerifyAsync(key, origin, cancellationToken: cancellationToken);
        var outside = OutsideCheckpointCheck.CheckCosigned(record.Ledger, cosigned, key, origin, [.. cosigned.Known().Select(w => w.Key)]);
        if (outside.Count > 0)
        {
            report = report with { Findings = [.. report.Findings, .. outside.Select(f => new AuditFinding(null, "witnessed checkpoints", f))] };
        }

        return (report, Stopwatch.GetElapsedTime(started));
    }
}
