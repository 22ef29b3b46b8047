using System.Security.Cryptography;
using Vigil.Record.Witness;

namespace Vigil.Record.Tests;

public sealed class WitnessTests
{
    [Fact]
    public void AddCheckpoint_GrowingLog_CosignsEachSizeWithAVerifyingCosignature()
    {
        using var lab = new WitnessLab();
        var ledger = new MemoryLedger(0);
        long old = 0;
        foreach (var grow in new[] { 1, 4, 13, 250 })
        {
            ledger.Grow(grow);
            var body = lab.Request(ledger, old);

            var reply = lab.Witness.AddCheckpoint(body);

            Assert.Equal(200, reply.Status);
            Assert.NotNull(Cosignature.Verify(lab.Cosigner, Cosignature.BodyOf(lab.Note(ledger))!, reply.Body));
            old = ledger.Head().Size;
        }

        Assert.Equal(old, new WitnessState(lab.State).Read(WitnessLab.Origin)!.Size);
    }

    [Fact]
    public void AddCheckpoint_OldSizeNotTheCosignedOne_Is409WithTheKnownSizeAsTlogSize()
    {
        using var lab = new WitnessLab();
        var ledger = new MemoryLedger(10);
        Assert.Equal(200, lab.Witness.AddCheckpoint(lab.Request(ledger, 0)).Status);
        ledger.Grow(5);

        var reply = lab.NewWitness().AddCheckpoint(lab.Request(ledger, 3));

        Assert.Equal((409, "text/x.tlog.size", "10\n"), (reply.Status, reply.ContentType, reply.Body));
        Assert.Null(reply.Alarm);
    }

    [Fact]
    public void AddCheckpoint_LogShrank_Is409AndAnAlarm()
    {
        using var lab = new WitnessLab();
        Assert.Equal(200, lab.Witness.AddCheckpoint(lab.Request(new MemoryLedger(20), 0)).Status);

        var reply = lab.Witness.AddCheckpoint(lab.Request(new MemoryLedger(12), 0));

        Assert.Equal((409, "20\n"), (reply.Status, reply.Body));
        Assert.Contains("SHRANK", reply.Alarm, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCheckpoint_ForkedLogWithItsOwnProof_Is422AndAnAlarm()
    {
        using var lab = new WitnessLab();
        Assert.Equal(200, lab.Witness.AddCheckpoint(lab.Request(new MemoryLedger(8), 0)).Status);
        var fork = new MemoryLedger(6);
        fork.Grow(6, "other");

        var reply = lab.Witness.AddCheckpoint(lab.Request(fork, 8));

        Assert.Equal(422, reply.Status);
        Assert.Contains("FORKED", reply.Alarm, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCheckpoint_SameSizeOtherRoot_Is422()
    {
        using var lab = new WitnessLab();
        Assert.Equal(200, lab.Witness.AddCheckpoint(lab.Request(new MemoryLedger(8), 0)).Status);

        var reply = lab.Witness.AddCheckpoint(lab.Request(new MemoryLedger(8, "other"), 8));

        Assert.Equal(422, reply.Status);
        Assert.Equal(8, new WitnessState(lab.State).Read(WitnessLab.Origin)!.Size);
    }

    [Fact]
    public void AddCheckpoint_ProofForFirstCheckpoint_Is422()
    {
        using var lab = new WitnessLab();
        var ledger = new MemoryLedger(8);
        var body = new AddCheckpointRequest(0, [new byte[32]], lab.Note(ledger)).Format();

        Assert.Equal(422, lab.Witness.AddCheckpoint(body).Status);
    }

    [Fact]
    public void AddCheckpoint_SignedByAnotherKey_Is403()
    {
        using var lab = new WitnessLab();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal(403, lab.Witness.AddCheckpoint(lab.Request(new MemoryLedger(3), 0, other)).Status);
    }

    [Fact]
    public void AddCheckpoint_UnknownOrigin_Is404()
    {
        using var lab = new WitnessLab();
        var note = lab.Note(new MemoryLedger(3), origin: "vigil.ledger/elsewhere");

        Assert.Equal(404, lab.Witness.AddCheckpoint(new AddCheckpointRequest(0, [], note).Format()).Status);
    }

    [Theory]
    [InlineData("old 5\n\n")]
    [InlineData("old 05\n\nx\n")]
    [InlineData("no blank line")]
    [InlineData("old 0\nnot-base64\n\nx\n")]
    public void AddCheckpoint_MalformedOrOldAboveSize_Is400(string prefix)
    {
        using var lab = new WitnessLab();
        var body = prefix == "old 5\n\n" ? prefix + lab.Note(new MemoryLedger(3)) : prefix;

        Assert.Equal(400, lab.Witness.AddCheckpoint(body).Status);
    }
}
