using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Record.Tests;

/// <summary>The record held against checkpoints kept outside it: a witness's, a published one, the cosigned ones in the data folder.</summary>
public sealed class OutsideCheckpointTests : IDisposable
{
    private readonly WitnessLab _lab = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-outside-").FullName;

    [Fact]
    public void Check_RecordGrewConsistently_Holds()
    {
        var ledger = new MemoryLedger(10);
        var outside = Cosigned(ledger, 0);
        ledger.Grow(5);

        Assert.Empty(OutsideCheckpointCheck.Check(ledger, outside, _lab.LogKey, WitnessLab.Origin, [_lab.Cosigner]));
    }

    [Fact]
    public void Check_RecordCutBelowTheWitnessedSize_IsBehind()
    {
        var outside = Cosigned(new MemoryLedger(30), 0);

        var findings = OutsideCheckpointCheck.Check(new MemoryLedger(21), outside, _lab.LogKey, WitnessLab.Origin, [_lab.Cosigner]);

        Assert.Contains(findings, f => f.Contains("behind its witnessed checkpoint of size 30", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SameSizeOtherRoot_IsAFork()
    {
        var outside = Cosigned(new MemoryLedger(12), 0);

        var findings = OutsideCheckpointCheck.Check(new MemoryLedger(12, "edited"), outside, _lab.LogKey, WitnessLab.Origin, [_lab.Cosigner]);

        Assert.Contains(findings, f => f.StartsWith("fork", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_LargerButRewrittenHistory_IsAFork()
    {
        var outside = Cosigned(new MemoryLedger(12), 0);
        var rewritten = new MemoryLedger(8);
        rewritten.Grow(10, "rewritten");

        var findings = OutsideCheckpointCheck.Check(rewritten, outside, _lab.LogKey, WitnessLab.Origin, [_lab.Cosigner]);

        Assert.Contains(findings, f => f.Contains("not consistent", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NoteWithoutTheRequiredCosignature_IsNamed()
    {
        var ledger = new MemoryLedger(5);

        var findings = OutsideCheckpointCheck.Check(ledger, _lab.Note(ledger), _lab.LogKey, WitnessLab.Origin, [_lab.Cosigner]);

        Assert.Contains(findings, f => f.Contains("no valid cosignature by witness", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckCosigned_RecordTruncatedCarefully_NamesTheCosignedCheckpointItLacks()
    {
        var ledger = new MemoryLedger(9);
        var cosigned = new CosignedCheckpoints(_folder);
        var reply = _lab.Witness.AddCheckpoint(_lab.Request(ledger, 0));
        cosigned.Add(_lab.Cosigner, 9, _lab.Note(ledger), reply.Body);

        // Cut to 6 entries, its checkpoints re-signed: the record itself is consistent.
        var truncated = new MemoryLedger(6);
        truncated.AddCheckpoint(new StoredCheckpoint(6, _lab.Note(truncated), DateTimeOffset.UtcNow));
        var findings = OutsideCheckpointCheck.CheckCosigned(truncated, cosigned, _lab.LogKey, WitnessLab.Origin, [_lab.Cosigner]);

        Assert.Contains(findings, f => f.Contains("size 9 is not the record's checkpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void CosignedCheckpoints_RememberedWitnesses_ReadBack()
    {
        var cosigned = new CosignedCheckpoints(_folder);
        var url = new Uri("https://witness.example/");

        cosigned.Remember([(url, _lab.Cosigner)]);

        Assert.Equal([(url, _lab.Cosigner.Vkey)], new CosignedCheckpoints(_folder).Known().Select(k => (k.Url, k.Key.Vkey)).ToList());
    }

    public void Dispose()
    {
        _lab.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Cosigned(MemoryLedger ledger, long old)
    {
        var reply = _lab.Witness.AddCheckpoint(_lab.Request(ledger, old));
        Assert.Equal(200, reply.Status);
        return Cosignature.AddTo(_lab.Note(ledger), reply.Body);
    }
}
