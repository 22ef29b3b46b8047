using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Platform.Tests.Queries;

public sealed class LedgerViewsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checkpoints_BeforeTheFirst_AreNone()
    {
        await using var fixture = new QueryFixture();

        Assert.Null(await fixture.Ledger.LatestCheckpointAsync(Ct));
        Assert.Empty(await fixture.Ledger.LatestCheckpointsAsync(20, Ct));
        Assert.Equal(0, (await fixture.Ledger.HeadAsync(Ct)).Size);
    }

    [Fact]
    public async Task LatestCheckpointsAsync_AreTheNewest_NewestFirst()
    {
        await using var fixture = await SignedAsync(3);

        var latest = await fixture.Ledger.LatestCheckpointsAsync(2, Ct);
        var head = await fixture.Ledger.HeadAsync(Ct);

        Assert.Equal(2, latest.Count);
        Assert.Equal(head.Size, latest[0].Size);
        Assert.True(latest[1].Size < latest[0].Size);
        Assert.Equal(latest[0], await fixture.Ledger.LatestCheckpointAsync(Ct));
        Assert.Equal(3, (await fixture.Ledger.LatestCheckpointsAsync(10, Ct)).Count);
    }

    [Fact]
    public async Task Proofs_ForWhatACheckpointCovers_AndNoneOtherwise()
    {
        await using var fixture = await SignedAsync(3);

        var size = (await fixture.Ledger.HeadAsync(Ct)).Size;

        Assert.NotNull(await fixture.Ledger.ConsistencyAsync(1, size, Ct));
        Assert.Null(await fixture.Ledger.ConsistencyAsync(size, 1, Ct));
        Assert.Null(await fixture.Ledger.ConsistencyAsync(1, size + 1, Ct));
        Assert.Equal(LedgerLeaf.BatchSubject("cgm-1", 2), (await fixture.Ledger.ProveBatchAsync("cgm-1", 2, Ct))!.Subject);
        Assert.Null(await fixture.Ledger.ProveBatchAsync("cgm-1", 9, Ct));
        Assert.NotNull(await fixture.Ledger.ProveReadingAsync("cgm-1", 2, 0, Ct));
        Assert.Null(await fixture.Ledger.ProveReadingAsync("cgm-1", 2, 5, Ct));
    }

    [Fact]
    public async Task AuditAsync_OfAnIntactRecord_FindsNothing()
    {
        await using var fixture = await SignedAsync(2);

        var report = await AuditAsync(fixture);

        Assert.True(report.Intact, string.Join('\n', report.Findings));
        Assert.Equal(((await fixture.Ledger.HeadAsync(Ct)).Size, 2), (report.Entries, report.Checkpoints));
    }

    [Fact]
    public async Task AuditAsync_NamesACosignedCheckpointThatIsNotTheRecords()
    {
        await using var fixture = await SignedAsync(2);
        var cosigned = Path.Combine(fixture.Folder.Root, "witness", "cosigned");
        Directory.CreateDirectory(cosigned);
        await File.WriteAllTextAsync(Path.Combine(cosigned, "5"), "not a checkpoint of this log\n", Ct);

        var report = await AuditAsync(fixture);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((null, "witnessed checkpoints"), (finding.Index, finding.Subject));
        Assert.Contains("size 5", finding.What, StringComparison.Ordinal);
    }

    // A record of `batches` batches of cgm-1, with a checkpoint signed after each.
    private static async Task<QueryFixture> SignedAsync(int batches)
    {
        var fixture = new QueryFixture();
        var cgm = await fixture.EnrollAsync("cgm-1", "p-1");
        using var certificate = fixture.Folder.SigningCertificate;
        using var signer = new CheckpointSigner(fixture.Record.Ledger, fixture.Folder.OpenKeyStore(null), certificate, fixture.Time);
        for (ulong s = 1; s <= (ulong)batches; s++)
        {
            await fixture.CommitAsync(cgm, s, "p-1", QueryFixture.Now.AddMinutes(s), "test", (MeasurementKind.Glucose, 100 + s, Verdict.Verified));
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.NotNull(signer.SignIfGrown());
        }

        return fixture;
    }

    private static async Task<AuditReport> AuditAsync(QueryFixture fixture)
    {
        using var certificate = fixture.Folder.SigningCertificate;
        using var key = certificate.GetECDsaPublicKey()!;
        return await fixture.Ledger.AuditAsync(key, CheckpointSigner.OriginOf(certificate), new CosignedCheckpoints(fixture.Folder.Root), Ct);
    }
}
