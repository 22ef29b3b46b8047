using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Vigil.Platform.Queries;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Server.Hosting;

/// <summary>
/// Audits the server's record against its ledger and the platform signing key, for the API and the
/// console; and against the cosigned checkpoints the data folder keeps, so that a record cut
/// behind a checkpoint a witness cosigned is named here too.
/// </summary>
public sealed class RecordAudit(LedgerViews ledger, ServerIdentity identity, CosignedCheckpoints cosigned)
{
    /// <summary>Runs the whole audit; returns its report and how long it took.</summary>
    public async Task<(AuditReport Report, TimeSpan Took)> RunAsync(CancellationToken cancellationToken = default)
    {
        using var key = identity.SigningCertificate.GetECDsaPublicKey()!;
        var origin = CheckpointSigner.OriginOf(identity.SigningCertificate);
        var started = Stopwatch.GetTimestamp();
        var report = await ledger.AuditAsync(key, origin, cosigned, cancellationToken);
        return (report, Stopwatch.GetElapsedTime(started));
    }
}
