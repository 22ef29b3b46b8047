using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Identity.Provisioning;
using Vigil.Record.Batches;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>A record of a kind holding six CGM batches of patient p-1, with a platform signing key for checkpoints.</summary>
public sealed class AuditLab : IAsyncDisposable
{
    private readonly string _pki = Directory.CreateTempSubdirectory("vigil-ledger-pki-").FullName;

    private AuditLab(StoreKind kind)
    {
        Fixture = new RecordFixture(kind);
        Folder = new DataFolder(_pki);
        Folder.Initialize(TimeProvider.System, null);
    }

    public RecordFixture Fixture { get; }

    public DataFolder Folder { get; }

    public RecordStore Record => Fixture.Record;

    public static async Task<AuditLab> CreateAsync(StoreKind kind)
    {
        var lab = new AuditLab(kind);
        for (ulong s = 1; s <= 6; s++)
        {
            await lab.Record.Batches.CommitAsync(Batch("cgm-1", s, 100 + s), TestContext.Current.CancellationToken);
        }

        return lab;
    }

    public static AcceptedBatch Batch(string device, ulong sequence, double glucose, string patient = "p-1")
    {
        var id = DeviceId.Parse(device);
        var at = RecordFixture.Now.AddMinutes(5 * (double)sequence);
        StoredReading[] readings =
        [
            new(id, sequence, 0, PatientId.Parse(patient), MeasurementKind.Glucose, at, at.AddSeconds(2), [glucose], "mg/dL", ReadingFlags.None, null, Verdict.Verified),
            new(id, sequence, 1, PatientId.Parse(patient), MeasurementKind.GlucoseTrend, at, at.AddSeconds(2), [0.5], "mg/dL/min", ReadingFlags.None, null, Verdict.Of([ReasonCodes.Noise])),
        ];
        return RecordFixture.Batch(device, sequence) with
        {
            Readings = readings, ReadingCount = 2, SignedBatch = SHA256.HashData(BitConverter.GetBytes(glucose)), PatientId = PatientId.Parse(patient),
        };
    }

    public StoredCheckpoint? Checkpoint()
    {
        using var certificate = Folder.SigningCertificate;
        using var signer = new CheckpointSigner(Record.Ledger, Folder.OpenKeyStore(null), certificate, TimeProvider.System);
        return signer.SignIfGrown();
    }

    public string Origin()
    {
        using var certificate = Folder.SigningCertificate;
        return CheckpointSigner.OriginOf(certificate);
    }

    public async Task<AuditReport> AuditAsync()
    {
        using var certificate = Folder.SigningCertificate;
        using var key = certificate.GetECDsaPublicKey()!;
        return await new LedgerAudit(Record.Ledger, Record.Audit).VerifyAsync(key, CheckpointSigner.OriginOf(certificate), cancellationToken: TestContext.Current.CancellationToken);
    }

    public int Sql(string sql, params (string Name, object? Value)[] parameters) => Fixture.Database.Execute(sql, parameters);

    public async ValueTask DisposeAsync()
    {
        await Fixture.DisposeAsync();
        Directory.Delete(_pki, recursive: true);
    }
}
