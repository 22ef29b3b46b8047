using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Vigil.Record;
using Vigil.Record.Ledger;

namespace Vigil.Server.Hosting;

/// <summary>Audits the server's record against its ledger and the platform signing key, for the API and the console.</summary>
public sealed class RecordAudit(RecordStore record, ServerIdentity identity)
{
    /// <summary>Runs the whole audit; returns its report and how long it took.</summary>
    public (AuditReport Report, TimeSpan Took) Run()
    {
        using var key = identity.SigningCertificate.GetECDsaPublicKey()!;
        var started = Stopwatch.GetTimestamp();
        var report = new LedgerAudit(record.Ledger, record.Audit).Verify(key, CheckpointSigner.OriginOf(identity.SigningCertificate));
        return (report, Stopwatch.GetElapsedTime(started));
    }
}
