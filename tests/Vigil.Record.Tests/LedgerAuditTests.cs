using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Identity.Provisioning;
using Vigil.Record.Batches;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;

namespace Vigil.Record.Tests;

public sealed class LedgerAuditTests : IAsyncLifetime
{
    private readonly RecordFixture _fixture = new();
    private readonly string _pki = Directory.CreateTempSubdirectory("vigil-ledger-pki-").FullName;
    private DataFolder _folder = null!;

    public async ValueTask InitializeAsync()
    {
        _folder = new DataFolder(_pki);
        _folder.Initialize(TimeProvider.System, null);
        for (ulong s = 1; s <= 6; s++)
        {
            await _fixture.Record.Batches.CommitAsync(Batch("cgm-1", s, 100 + s), TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _fixture.DisposeAsync();
        Directory.Delete(_pki, recursive: true);
    }

    [Fact]
    public void Verify_UntouchedRecord_IsIntactAndMatchesItsCheckpoint()
    {
        Checkpoint();

        var report = Audit();

        Assert.True(report.Intact, string.Join("; ", report.Findings));
        Assert.Equal((6L, 1), (report.Entries, report.Checkpoints));
        Assert.Equal(_fixture.Record.Ledger.Head().Root, report.Root);
    }

    [Fact]
    public async Task Verify_CheckpointsFromTheEmptyLedgerOn_AreAllChecked()
    {
        await using var empty = new RecordFixture();
        using var certificate = _folder.SigningCertificate;
        using var signer = new CheckpointSigner(empty.Record.Ledger, _folder.OpenKeyStore(null), certificate, TimeProvider.System);
        signer.SignIfGrown();
        await empty.Record.Batches.CommitAsync(Batch("cgm-9", 1, 80), TestContext.Current.CancellationToken);
        signer.SignIfGrown();
        using var key = certificate.GetECDsaPublicKey()!;

        var report = new LedgerAudit(empty.Record.Ledger, empty.Record.Audit).Verify(key, CheckpointSigner.OriginOf(certificate));

        Assert.True(report.Intact, string.Join("; ", report.Findings));
        Assert.Equal(2, report.Checkpoints);
    }

    [Fact]
    public void Verify_AfterARevisionKeepsTheIngestVerdict_IsIntact()
    {
        Checkpoint();
        _fixture.Record.Readings.Revise([(new ReadingKey(DeviceId.Parse("cgm-1"), 3, 0), Verdict.Of([ReasonCodes.Recall]))], "recall 1", RecordFixture.Now);

        Assert.True(Audit().Intact);
    }

    [Fact]
    public void Verify_ReadingEditedInSqlite_NamesItsEntry()
    {
        Checkpoint();
        Sql("UPDATE readings SET v0 = 55 WHERE device_id = 'cgm-1' AND sequence = 4;");

        var finding = Assert.Single(Audit().Findings);

        Assert.Equal((3L, "cgm-1#4"), (finding.Index, finding.Subject));
        Assert.Contains("readings", finding.What);
    }

    [Fact]
    public void Verify_VerdictEditedInSqlite_NamesItsEntry()
    {
        Sql("UPDATE readings SET status = 0, reasons = 'Verified' WHERE device_id = 'cgm-1' AND sequence = 2;");

        Assert.Equal(1L, Assert.Single(Audit().Findings).Index);
    }

    [Fact]
    public void Verify_BatchDeleted_NamesItsEntry()
    {
        Sql("DELETE FROM readings WHERE device_id = 'cgm-1' AND sequence = 5; DELETE FROM batches WHERE device_id = 'cgm-1' AND sequence = 5;");

        var finding = Assert.Single(Audit().Findings);

        Assert.Equal((4L, "cgm-1#5"), (finding.Index, finding.Subject));
        Assert.Contains("deleted", finding.What);
    }

    [Fact]
    public void Verify_BatchInserted_NamesIt()
    {
        Sql("""
            INSERT INTO batches SELECT device_id, 99, created_at, received_at, source, session_id, firmware_digest, envelope_sha256, signed_batch, reading_count, quarantined
            FROM batches WHERE device_id = 'cgm-1' AND sequence = 1;
            """);

        var finding = Assert.Single(Audit().Findings);

        Assert.Equal("cgm-1#99", finding.Subject);
        Assert.Contains("inserted", finding.What);
    }

    [Fact]
    public void Verify_LedgerLeafRewrittenToMatchAnEdit_FailsTheCheckpoint()
    {
        Checkpoint();
        Sql("UPDATE readings SET v0 = 55 WHERE device_id = 'cgm-1' AND sequence = 2;");
        var forged = _fixture.Record.Audit.RebuildBatchLeaf("cgm-1#2")!;
        Sql("UPDATE ledger SET leaf = $leaf WHERE idx = 1;", ("$leaf", forged));

        var findings = Audit().Findings;

        Assert.Contains(findings, f => f.Subject == "checkpoint 6" && f.What.Contains("from 0 to 5", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Index == 1);
    }

    [Fact]
    public void Verify_LedgerEntriesDeleted_ShowsAgainstTheCheckpoint()
    {
        Checkpoint();
        Sql("DELETE FROM ledger WHERE idx >= 4;");

        var findings = Audit().Findings;

        Assert.Contains(findings, f => f.Subject == "checkpoint 6" && f.What.Contains("deleted", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Subject == "cgm-1#5" && f.What.Contains("inserted", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_ForgedCheckpoint_IsRefused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (size, root) = _fixture.Record.Ledger.Head();
        var origin = Origin();
        _fixture.Record.Ledger.AddCheckpoint(new StoredCheckpoint(size, SignedNote.Sign(new Ledger.Checkpoint(origin, size, root).Body, origin, other), RecordFixture.Now));

        Assert.Contains(Audit().Findings, f => f.What.Contains("signature", StringComparison.Ordinal));
    }

    [Fact]
    public void Prove_CheckpointedBatch_ChecksAsAThirdPartyWouldAndNotForAnother()
    {
        Checkpoint();
        using var certificate = _folder.SigningCertificate;
        using var key = certificate.GetECDsaPublicKey()!;

        var proof = LedgerProofs.Prove(_fixture.Record.Ledger, LedgerLeaf.BatchKind, "cgm-1#3")!;

        Assert.Equal((2L, 6L), (proof.LeafIndex, proof.TreeSize));
        Assert.True(LedgerProofs.Check(proof, key, Origin()));
        Assert.False(LedgerProofs.Check(proof with { LeafIndex = 3 }, key, Origin()));
        Assert.False(LedgerProofs.Check(proof with { Leaf = Convert.ToBase64String("forged"u8) }, key, Origin()));
    }

    [Fact]
    public async Task Checkpoints_AsTheLedgerGrows_AreConsistent()
    {
        var first = Checkpoint()!;
        await _fixture.Record.Batches.CommitAsync(Batch("cgm-2", 1, 90), TestContext.Current.CancellationToken);
        var second = Checkpoint()!;
        var old = Ledger.Checkpoint.Parse(first.Note[..(first.Note.IndexOf("\n\n", StringComparison.Ordinal) + 1)])!;
        var now = Ledger.Checkpoint.Parse(second.Note[..(second.Note.IndexOf("\n\n", StringComparison.Ordinal) + 1)])!;

        var proof = LedgerProofs.Consistency(_fixture.Record.Ledger, first.Size, second.Size)!;

        Assert.Equal((6L, 7L), (first.Size, second.Size));
        Assert.True(MerkleTree.VerifyConsistency(first.Size, second.Size, old.RootHash, now.RootHash, proof));
        Assert.Null(Checkpoint());
    }

    private static AcceptedBatch Batch(string device, ulong sequence, double glucose)
    {
        var id = DeviceId.Parse(device);
        var at = RecordFixture.Now.AddMinutes(5 * (double)sequence);
        StoredReading[] readings =
        [
            new(id, sequence, 0, "p-1", MeasurementKind.Glucose, at, at.AddSeconds(2), [glucose], "mg/dL", ReadingFlags.None, null, Verdict.Verified),
            new(id, sequence, 1, "p-1", MeasurementKind.GlucoseTrend, at, at.AddSeconds(2), [0.5], "mg/dL/min", ReadingFlags.None, null, Verdict.Of([ReasonCodes.Noise])),
        ];
        return RecordFixture.Batch(device, sequence) with { Readings = readings, ReadingCount = 2, SignedBatch = SHA256.HashData(BitConverter.GetBytes(glucose)) };
    }

    private StoredCheckpoint? Checkpoint()
    {
        using var certificate = _folder.SigningCertificate;
        using var signer = new CheckpointSigner(_fixture.Record.Ledger, _folder.OpenKeyStore(null), certificate, TimeProvider.System);
        return signer.SignIfGrown();
    }

    private string Origin()
    {
        using var certificate = _folder.SigningCertificate;
        return CheckpointSigner.OriginOf(certificate);
    }

    private AuditReport Audit()
    {
        using var certificate = _folder.SigningCertificate;
        using var key = certificate.GetECDsaPublicKey()!;
        return new LedgerAudit(_fixture.Record.Ledger, _fixture.Record.Audit).Verify(key, CheckpointSigner.OriginOf(certificate));
    }

    private void Sql(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={_fixture.PathOf}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
