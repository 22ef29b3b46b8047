using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Record.Tests;

/// <summary>The third party's monitor: what it accepts, keeps, and raises an alarm for.</summary>
public sealed class LogMonitorTests : IDisposable
{
    private readonly WitnessLab _lab = new();
    private readonly string _state = Directory.CreateTempSubdirectory("vigil-monitor-").FullName;

    [Fact]
    public async Task Accept_GrowingLogCosigned_KeepsEachCheckpoint()
    {
        var ledger = new MemoryLedger(7);
        var monitor = Monitor();

        var first = await monitor.AcceptAsync(Cosigned(ledger, 0), Proofs(ledger));
        ledger.Grow(9);
        var second = await monitor.AcceptAsync(Cosigned(ledger, 7), Proofs(ledger));
        var again = await monitor.AcceptAsync(Cosigned(ledger, 16), Proofs(ledger));

        Assert.Equal(MonitorVerdictKind.Accepted, first.Kind);
        Assert.Equal(MonitorVerdictKind.Accepted, second.Kind);
        Assert.Equal(MonitorVerdictKind.Unchanged, again.Kind);
        Assert.Equal(16, Monitor().Latest()!.Size);
        Assert.True(File.Exists(Path.Combine(_state, "checkpoints", "7")));
    }

    [Fact]
    public async Task Accept_SmallerLogWithoutCosignature_IsAShrinkAlarm()
    {
        var ledger = new MemoryLedger(20);
        await Monitor().AcceptAsync(Cosigned(ledger, 0), Proofs(ledger));
        var older = new MemoryLedger(12);

        var verdict = await Monitor().AcceptAsync(_lab.Note(older), Proofs(older));

        Assert.Equal(MonitorVerdictKind.Alarm, verdict.Kind);
        Assert.Contains("SHRINK", verdict.Message, StringComparison.Ordinal);
        Assert.Equal(20, Monitor().Latest()!.Size);
    }

    [Fact]
    public async Task Accept_SameSizeOtherRoot_IsAForkAlarm()
    {
        var ledger = new MemoryLedger(10);
        await Monitor().AcceptAsync(Cosigned(ledger, 0), Proofs(ledger));
        var fork = new MemoryLedger(10, "other");

        var verdict = await Monitor().AcceptAsync(_lab.Note(fork), Proofs(fork));

        Assert.Equal(MonitorVerdictKind.Alarm, verdict.Kind);
        Assert.Contains("FORK", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_LargerLogNotConsistent_IsAForkAlarm()
    {
        var ledger = new MemoryLedger(10);
        await Monitor().AcceptAsync(Cosigned(ledger, 0), Proofs(ledger));
        var fork = new MemoryLedger(6);
        fork.Grow(9, "other");

        var verdict = await Monitor().AcceptAsync(_lab.Note(fork), Proofs(fork));

        Assert.Equal(MonitorVerdictKind.Alarm, verdict.Kind);
        Assert.Contains("not consistent", verdict.Message, StringComparison.Ordinal);
        Assert.Equal(10, Monitor().Latest()!.Size);
    }

    [Fact]
    public async Task Accept_GrowthWithoutTheWitnessCosignature_IsNotAccepted()
    {
        var ledger = new MemoryLedger(4);
        await Monitor().AcceptAsync(Cosigned(ledger, 0), Proofs(ledger));
        ledger.Grow(3);

        var verdict = await Monitor().AcceptAsync(_lab.Note(ledger), Proofs(ledger));

        Assert.Equal(MonitorVerdictKind.Invalid, verdict.Kind);
        Assert.Contains(_lab.Cosigner.Name, verdict.Message, StringComparison.Ordinal);
        Assert.Equal(4, Monitor().Latest()!.Size);
    }

    [Fact]
    public async Task Accept_SignedByAnotherKey_IsNotAccepted()
    {
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var ledger = new MemoryLedger(4);

        var verdict = await Monitor().AcceptAsync(_lab.Note(ledger, other), Proofs(ledger));

        Assert.Equal(MonitorVerdictKind.Invalid, verdict.Kind);
        Assert.Null(Monitor().Latest());
    }

    public void Dispose()
    {
        _lab.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private static Func<long, long, Task<IReadOnlyList<byte[]>?>> Proofs(MemoryLedger ledger) =>
        (from, to) => Task.FromResult(LedgerProofs.Consistency(ledger, from, to));

    private LogMonitor Monitor() => new(_state, _lab.LogKey, WitnessLab.Origin, [_lab.Cosigner]);

    private string Cosigned(MemoryLedger ledger, long old)
    {
        var reply = _lab.Witness.AddCheckpoint(_lab.Request(ledger, old));
        Assert.Equal(200, reply.Status);
        return Cosignature.AddTo(_lab.Note(ledger), reply.Body);
    }
}
