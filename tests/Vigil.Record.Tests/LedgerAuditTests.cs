using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Domain.Verification;
using Vigil.Record.Encryption;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>The ledger's audit against edits made directly in the database, behind Vigil's back, on each database.</summary>
public sealed class LedgerAuditTests
{
    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_UntouchedRecord_IsIntactAndMatchesItsCheckpoint(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();

        var report = await lab.AuditAsync();

        Assert.True(report.Intact, string.Join("; ", report.Findings));
        Assert.Equal((6L, 1), (report.Entries, report.Checkpoints));
        Assert.Equal(lab.Record.Ledger.Head().Root, report.Root);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_WhileBatchesAndRevisionsAreWritten_IsIntact(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        var ct = TestContext.Current.CancellationToken;
        var writer = Task.Run(
            async () =>
        {
            // Many small groups, each its own commit, with revisions between: the record moves under every pass.
            for (ulong s = 1; s <= 400; s++)
            {
                await Task.WhenAll(Enumerable.Range(0, 3).Select(d => lab.Record.Batches.CommitAsync(AuditLab.Batch($"cgm-live-{d}", s, 100), ct)));
                if (s % 10 == 0)
                {
                    await lab.Record.Readings.ReviseAsync([(new ReadingKey(DeviceId.Parse("cgm-live-0"), s, 0), Verdict.Of([ReasonCodes.Recall]))], "recall 2", RecordFixture.Now);
                }
            }
            },
            ct);
        var reports = new List<AuditReport>();
        while (!writer.IsCompleted && reports.Count < 20)
        {
            reports.Add(await lab.AuditAsync());
        }

        await writer;
        reports.Add(await lab.AuditAsync());

        Assert.True(reports.Count >= 2);
        Assert.All(reports, r => Assert.True(r.Intact, string.Join("; ", r.Findings)));
        Assert.Equal(6 + (3 * 400) + 40, reports[^1].Entries);
    }

    [Fact]
    public async Task Verify_CheckpointsFromTheEmptyLedgerOn_AreAllChecked()
    {
        await using var lab = await AuditLab.CreateAsync(StoreKind.Sqlite);
        await using var empty = new RecordFixture();
        using var certificate = lab.Folder.SigningCertificate;
        using var signer = new CheckpointSigner(empty.Record.Ledger, lab.Folder.OpenKeyStore(null), certificate, TimeProvider.System);
        signer.SignIfGrown();
        await empty.Record.Batches.CommitAsync(AuditLab.Batch("cgm-9", 1, 80), TestContext.Current.CancellationToken);
        signer.SignIfGrown();
        using var key = certificate.GetECDsaPublicKey()!;

        var report = await new LedgerAudit(empty.Record.Ledger, empty.Record.Audit).VerifyAsync(
            key, CheckpointSigner.OriginOf(certificate), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(report.Intact, string.Join("; ", report.Findings));
        Assert.Equal(2, report.Checkpoints);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Revise_EachRevision_IsALedgerEntryAndTheRecordStaysIntact(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        var key = new ReadingKey(DeviceId.Parse("cgm-1"), 3, 0);
        await lab.Record.Readings.ReviseAsync([(key, Verdict.Of([ReasonCodes.Recall]))], "recall 1", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);
        await lab.Record.Readings.AddReasonAsync(key.DeviceId, DateTimeOffset.UnixEpoch, ReasonCodes.Clone, "clone", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);

        var report = await lab.AuditAsync();

        Assert.True(report.Intact, string.Join("; ", report.Findings));
        var second = lab.Record.Ledger.Find(LedgerLeaf.VerdictKind, "cgm-1#3#0@2");
        var third = lab.Record.Ledger.Find(LedgerLeaf.VerdictKind, "cgm-1#3#0@3");
        // Six batches, the recall's revision, then the clone flag on each of the twelve readings.
        Assert.Equal((6L, 19L), (second?.Index, report.Entries));
        Assert.True(third?.Index > 6);
        Assert.Contains("cause recall 1\n", System.Text.Encoding.UTF8.GetString(second!.Leaf), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_RevisionUndoneByAnInsider_NamesTheRevision(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        await lab.Record.Readings.ReviseAsync([(new ReadingKey(DeviceId.Parse("cgm-1"), 3, 0), Verdict.Of([ReasonCodes.Recall]))], "recall 1", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);

        // The insider puts the verdict at ingest back and removes its trace from the history.
        lab.Sql("""
            UPDATE readings SET status = (SELECT status FROM verdict_history WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0),
                sealed_verdict = (SELECT sealed_verdict FROM verdict_history WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0),
                verdict_cause = (SELECT cause FROM verdict_history WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0),
                verdict_at = (SELECT decided_at FROM verdict_history WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0),
                rules_version = (SELECT rules_version FROM verdict_history WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0),
                verdict_version = 1, verdict_ledger_idx = NULL
            WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0;
            DELETE FROM verdict_history WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0;
            """);

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal((6L, "cgm-1#3#0@2"), (finding.Index, finding.Subject));
        Assert.Contains("deleted", finding.What, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_RevisedVerdictEdited_NamesTheRevision(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        await lab.Record.Readings.ReviseAsync([(new ReadingKey(DeviceId.Parse("cgm-1"), 3, 0), Verdict.Of([ReasonCodes.Recall]))], "recall 1", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);
        lab.Sql("UPDATE readings SET status = 0 WHERE device_id = 'cgm-1' AND sequence = 3 AND idx = 0;");

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal((6L, "cgm-1#3#0@2"), (finding.Index, finding.Subject));
        Assert.Contains("revised verdict", finding.What, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_RevisionMadeBehindVigilsBack_NamesIt(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);

        // A forged later version of a verdict, with the ingest verdict moved to the history as Vigil would.
        lab.Sql("""
            INSERT INTO verdict_history (device_id, sequence, idx, version, status, sealed_verdict, rules_version, cause, decided_at)
            SELECT device_id, sequence, idx, verdict_version, status, sealed_verdict, rules_version, verdict_cause, verdict_at
            FROM readings WHERE device_id = 'cgm-1' AND sequence = 2 AND idx = 1;
            UPDATE readings SET status = 0, verdict_version = 2, verdict_cause = 'review'
            WHERE device_id = 'cgm-1' AND sequence = 2 AND idx = 1;
            """);

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal((null, "cgm-1#2#1@2"), (finding.Index, finding.Subject));
        Assert.Contains("inserted", finding.What, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_SealedValueEdited_NamesItsEntryAndTheReadingNoLongerOpens(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        var sealedValue = (byte[])lab.Fixture.Database.Scalar("SELECT sealed_values FROM readings WHERE device_id = 'cgm-1' AND sequence = 4 AND idx = 0;")!;
        sealedValue[^20] ^= 1;
        lab.Sql("UPDATE readings SET sealed_values = @v WHERE device_id = 'cgm-1' AND sequence = 4 AND idx = 0;", ("@v", sealedValue));

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal((3L, "cgm-1#4"), (finding.Index, finding.Subject));
        Assert.Contains("readings", finding.What);
        await Assert.ThrowsAsync<RecordIntegrityException>(async () => await lab.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = DeviceId.Parse("cgm-1") }, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_ValueResealedByAnInsiderWithTheKeys_NamesItsEntry(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        var forged = lab.Record.Cipher.Seal("p-1", SealedFields.ReadingValues("cgm-1", 4, 0), SealedFields.EncodeValues([55], "mg/dL", default, null));
        lab.Sql("UPDATE readings SET sealed_values = @v WHERE device_id = 'cgm-1' AND sequence = 4 AND idx = 0;", ("@v", forged));

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal((3L, "cgm-1#4"), (finding.Index, finding.Subject));
        Assert.Equal(55, (await lab.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = DeviceId.Parse("cgm-1") }, cancellationToken: TestContext.Current.CancellationToken)).Single(r => r.Sequence == 4 && r.Index == 0).Values[0]);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_SealedValueMovedFromAnotherReading_IsRefusedOnReadAndNamedByTheAudit(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Sql("""
            UPDATE readings SET sealed_values = (SELECT sealed_values FROM readings WHERE device_id = 'cgm-1' AND sequence = 1 AND idx = 0)
            WHERE device_id = 'cgm-1' AND sequence = 5 AND idx = 0;
            """);

        Assert.Equal("cgm-1#5", Assert.Single((await lab.AuditAsync()).Findings).Subject);
        var refused = await Assert.ThrowsAsync<RecordIntegrityException>(async () => await lab.Record.Readings.QueryAsync(new ReadingQuery { DeviceId = DeviceId.Parse("cgm-1") }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("cgm-1 5 0", refused.Field, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_VerdictStatusEdited_NamesItsEntry(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Sql("UPDATE readings SET status = 0 WHERE device_id = 'cgm-1' AND sequence = 2 AND idx = 1;");

        Assert.Equal(1L, Assert.Single((await lab.AuditAsync()).Findings).Index);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_BatchMovedToAnotherPatient_NamesItsEntry(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Sql("UPDATE batches SET patient_id = 'p-2' WHERE device_id = 'cgm-1' AND sequence = 2;");

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal((1L, "cgm-1#2", "the record no longer matches the ledger: the patient it or its readings are filed under was changed"), (finding.Index, finding.Subject, finding.What));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_BatchDeleted_NamesItsEntry(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Sql("DELETE FROM readings WHERE device_id = 'cgm-1' AND sequence = 5; DELETE FROM batches WHERE device_id = 'cgm-1' AND sequence = 5;");

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal((4L, "cgm-1#5"), (finding.Index, finding.Subject));
        Assert.Contains("deleted", finding.What);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_BatchInserted_NamesIt(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Sql("""
            INSERT INTO batches (device_id, sequence, created_at, received_at, source, session_id, firmware_digest, envelope_sha256, patient_id, sealed_batch, reading_count, quarantined)
            SELECT device_id, 99, created_at, received_at, source, session_id, firmware_digest, envelope_sha256, patient_id, sealed_batch, reading_count, quarantined
            FROM batches WHERE device_id = 'cgm-1' AND sequence = 1;
            """);

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.Equal("cgm-1#99", finding.Subject);
        Assert.Contains("inserted", finding.What);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_ReadingInsertedWithoutABatch_NamesIt(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Sql("""
            INSERT INTO readings (device_id, sequence, idx, patient_id, kind, at, received_at, sealed_values, status, sealed_verdict, verdict_version, rules_version, verdict_cause, verdict_at)
            SELECT 'cgm-0', 1, 0, patient_id, kind, at, received_at, sealed_values, status, sealed_verdict, verdict_version, rules_version, verdict_cause, verdict_at
            FROM readings WHERE device_id = 'cgm-1' AND sequence = 1 AND idx = 0;
            """);

        var finding = Assert.Single((await lab.AuditAsync()).Findings);

        Assert.StartsWith("cgm-0#1 reading 0", finding.Subject, StringComparison.Ordinal);
        Assert.Contains("inserted", finding.What, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_LedgerLeafRewrittenToMatchAnEdit_FailsTheCheckpoint(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        lab.Sql("UPDATE readings SET status = 2 WHERE device_id = 'cgm-1' AND sequence = 2 AND idx = 0;");
        var forged = (await lab.Record.Audit.RecordedAsync(TestContext.Current.CancellationToken)
            .SingleAsync(r => r.Subject == "cgm-1#2", TestContext.Current.CancellationToken)).Leaf!;
        lab.Sql("UPDATE ledger SET leaf = @leaf WHERE idx = 1;", ("@leaf", forged));

        var findings = (await lab.AuditAsync()).Findings;

        Assert.Contains(findings, f => f.Subject == "checkpoint 6" && f.What.Contains("from 0 to 5", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Index == 1);
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Verify_LedgerEntriesDeleted_ShowsAgainstTheCheckpoint(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        lab.Checkpoint();
        lab.Sql("DELETE FROM ledger WHERE idx >= 4;");

        var findings = (await lab.AuditAsync()).Findings;

        Assert.Contains(findings, f => f.Subject == "checkpoint 6" && f.What.Contains("deleted", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Subject == "cgm-1#5" && f.What.Contains("inserted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_ForgedCheckpoint_IsRefused()
    {
        await using var lab = await AuditLab.CreateAsync(StoreKind.Sqlite);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (size, root) = lab.Record.Ledger.Head();
        var origin = lab.Origin();
        lab.Record.Ledger.AddCheckpoint(new StoredCheckpoint(size, SignedNote.Sign(new Checkpoint(origin, size, root).Body, origin, other), RecordFixture.Now));

        Assert.Contains((await lab.AuditAsync()).Findings, f => f.What.Contains("signature", StringComparison.Ordinal));
    }
}
