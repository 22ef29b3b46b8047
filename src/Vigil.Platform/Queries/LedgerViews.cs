using System.Security.Cryptography;
using Vigil.Record;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Platform.Queries;

/// <summary>
/// The ledger as the console, the API, the witnesses and the CLI read it: its head, its signed
/// checkpoints, consistency and inclusion proofs, and the audit of the whole record against it.
/// The ledger answers from the record synchronously; these complete once it has.
/// </summary>
public sealed class LedgerViews(RecordStore record)
{
    /// <summary>The committed size and root of the tree.</summary>
    public Task<(long Size, byte[] Root)> HeadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(record.Ledger.Head());
    }

    /// <summary>The latest signed checkpoint, or null before the first.</summary>
    public Task<StoredCheckpoint?> LatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(record.Ledger.Checkpoints() is { Count: > 0 } all ? all[^1] : null);
    }

    /// <summary>The latest <paramref name="count"/> signed checkpoints, newest first.</summary>
    public Task<IReadOnlyList<StoredCheckpoint>> LatestCheckpointsAsync(int count, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<StoredCheckpoint>>([.. record.Ledger.Checkpoints().TakeLast(count).Reverse()]);
    }

    /// <summary>The consistency proof from the tree of <paramref name="oldSize"/> entries to that of <paramref name="newSize"/>; null if the sizes are not 0 &lt;= old &lt;= new &lt;= the ledger's.</summary>
    public Task<IReadOnlyList<byte[]>?> ConsistencyAsync(long oldSize, long newSize, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LedgerProofs.Consistency(record.Ledger, oldSize, newSize));
    }

    /// <summary>The proof that a batch is in the latest checkpoint that covers it; null if it is not in the ledger or no checkpoint covers it yet.</summary>
    public Task<InclusionProofDocument?> ProveBatchAsync(string deviceId, ulong sequence, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LedgerProofs.Prove(record.Ledger, LedgerLeaf.BatchKind, LedgerLeaf.BatchSubject(deviceId, sequence)));
    }

    /// <summary>The proof that one reading, with each later verdict a checkpoint covers, is in the ledger; null if its batch is not covered yet or holds no such reading.</summary>
    public Task<InclusionProofDocument?> ProveReadingAsync(string deviceId, ulong sequence, int index, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LedgerProofs.ProveReading(record.Ledger, record.Audit, deviceId, sequence, index));
    }

    /// <summary>
    /// Audits the whole record against its ledger and the checkpoints signed with
    /// <paramref name="checkpointKey"/> under <paramref name="origin"/>, and against the cosigned
    /// checkpoints the data folder keeps, so that a record cut behind a checkpoint a witness
    /// cosigned is named too (as findings about <c>witnessed checkpoints</c>).
    /// </summary>
    public async Task<AuditReport> AuditAsync(ECDsa checkpointKey, string origin, CosignedCheckpoints cosigned, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cosigned);
        var report = await new LedgerAudit(record.Ledger, record.Audit).VerifyAsync(checkpointKey, origin, cancellationToken: cancellationToken);
        var outside = OutsideCheckpointCheck.CheckCosigned(record.Ledger, cosigned, checkpointKey, origin, [.. cosigned.Known().Select(w => w.Key)]);
        if (outside.Count > 0)
        {
            report = report with { Findings = [.. report.Findings, .. outside.Select(f => new AuditFinding(null, "witnessed checkpoints", f))] };
        }

        return report;
    }
}
