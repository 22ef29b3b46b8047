using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Ledger;
using Vigil.Record.Readings;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>Inclusion and consistency proofs from the ledger, checked as a third party would check them with only the platform's certificate, on each database.</summary>
public sealed class LedgerProofTests
{
    [Fact]
    public async Task Prove_CheckpointedBatch_ChecksAsAThirdPartyWouldAndNotForAnother()
    {
        await using var lab = await AuditLab.CreateAsync(StoreKind.Sqlite);
        lab.Checkpoint();
        using var certificate = lab.Folder.SigningCertificate;
        using var key = certificate.GetECDsaPublicKey()!;

        var proof = LedgerProofs.Prove(lab.Record.Ledger, LedgerLeaf.BatchKind, "cgm-1#3")!;

        Assert.Equal((2L, 6L), (proof.LeafIndex, proof.TreeSize));
        Assert.True(LedgerProofs.Check(proof, key, lab.Origin()));
        Assert.False(LedgerProofs.Check(proof with { LeafIndex = 3 }, key, lab.Origin()));
        Assert.False(LedgerProofs.Check(proof with { Leaf = Convert.ToBase64String("forged"u8) }, key, lab.Origin()));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ProveReading_WithItsRevisions_ChecksAsAThirdPartyWould(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        await lab.Record.Readings.ReviseAsync([(new ReadingKey(DeviceId.Parse("cgm-1"), 3, 1), Verdict.Of([ReasonCodes.Recall]))], "recall 1", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);
        lab.Checkpoint();
        using var certificate = lab.Folder.SigningCertificate;
        using var key = certificate.GetECDsaPublicKey()!;

        var proof = LedgerProofs.ProveReading(lab.Record.Ledger, lab.Record.Audit, "cgm-1", 3, 1)!;
        var check = LedgerProofs.CheckReading(proof, key, lab.Origin());

        Assert.True(check.Verified, check.Problem);
        Assert.Equal((1, (int)MeasurementKind.GlucoseTrend, (int)VerdictStatus.Suspect), (check.Reading!.Index, check.Reading.Kind, check.Reading.Status));
        var revision = Assert.Single(check.Revisions);
        Assert.Equal((6L, 2, "recall 1"), (revision.LeafIndex, revision.Version, revision.Cause));
    }

    [Fact]
    public async Task CheckReading_ForgedEvidence_SaysWhatDoesNotHold()
    {
        await using var lab = await AuditLab.CreateAsync(StoreKind.Sqlite);
        await lab.Record.Readings.ReviseAsync([(new ReadingKey(DeviceId.Parse("cgm-1"), 3, 0), Verdict.Of([ReasonCodes.Recall]))], "recall 1", RecordFixture.Now, cancellationToken: TestContext.Current.CancellationToken);
        lab.Checkpoint();
        using var certificate = lab.Folder.SigningCertificate;
        using var key = certificate.GetECDsaPublicKey()!;
        var proof = LedgerProofs.ProveReading(lab.Record.Ledger, lab.Record.Audit, "cgm-1", 3, 0)!;
        var evidence = proof.Reading!;
        var other = LedgerProofs.Prove(lab.Record.Ledger, LedgerLeaf.BatchKind, "cgm-1#4")!;

        var edited = evidence with { Readings = [evidence.Readings[0] with { Status = (int)VerdictStatus.Rejected }, evidence.Readings[1]] };
        var dropped = evidence with { Readings = [evidence.Readings[0]] };
        var missing = evidence with { Index = 7 };
        var borrowed = evidence with { Revisions = [other] };

        Assert.Contains("not the readings", LedgerProofs.CheckReading(proof with { Reading = edited }, key, lab.Origin()).Problem);
        Assert.Contains("not the readings", LedgerProofs.CheckReading(proof with { Reading = dropped }, key, lab.Origin()).Problem);
        Assert.Contains("no reading 7", LedgerProofs.CheckReading(proof with { Reading = missing }, key, lab.Origin()).Problem);
        Assert.Contains("cgm-1#3#0@2", LedgerProofs.CheckReading(proof with { Reading = borrowed }, key, lab.Origin()).Problem);
        Assert.Contains("of a batch", LedgerProofs.CheckReading(other, key, lab.Origin()).Problem);
        Assert.Null(LedgerProofs.ProveReading(lab.Record.Ledger, lab.Record.Audit, "cgm-1", 3, 7));
    }

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Checkpoints_AsTheLedgerGrows_AreConsistent(StoreKind kind)
    {
        await using var lab = await AuditLab.CreateAsync(kind);
        var first = lab.Checkpoint()!;
        await lab.Record.Batches.CommitAsync(AuditLab.Batch("cgm-2", 1, 90), TestContext.Current.CancellationToken);
        var second = lab.Checkpoint()!;
        var old = Checkpoint.Parse(first.Note[..(first.Note.IndexOf("\n\n", StringComparison.Ordinal) + 1)])!;
        var now = Checkpoint.Parse(second.Note[..(second.Note.IndexOf("\n\n", StringComparison.Ordinal) + 1)])!;

        var proof = LedgerProofs.Consistency(lab.Record.Ledger, first.Size, second.Size)!;

        Assert.Equal((6L, 7L), (first.Size, second.Size));
        Assert.True(MerkleTree.VerifyConsistency(first.Size, second.Size, old.RootHash, now.RootHash, proof));
        Assert.Null(lab.Checkpoint());
    }
}
