using System.Security.Cryptography;
using NSec.Cryptography;
using Vigil.Record.Ledger;
using Vigil.Record.Witness;

namespace Vigil.Record.Tests;

/// <summary>A log key, a witness on a temporary state folder, and helpers to make add-checkpoint requests.</summary>
internal sealed class WitnessLab : IDisposable
{
    public const string Origin = "vigil.ledger/lab";

    public WitnessLab()
    {
        Directory.CreateDirectory(State);
        (WitnessKey, Cosigner, _) = WitnessKeyFile.LoadOrCreate(State, "witness.test/lab", null);
        Witness = NewWitness();
    }

    public string State { get; } = Path.Combine(Path.GetTempPath(), $"vigil-witness-{Guid.NewGuid():N}");

    public ECDsa LogKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public Key WitnessKey { get; }

    public CosignerKey Cosigner { get; }

    public LogWitness Witness { get; private set; }

    /// <summary>A new witness on the same state folder, as after a restart.</summary>
    public LogWitness NewWitness() => Witness = new LogWitness(WitnessKey, Cosigner, [new WitnessedLog(Origin, LogKey)], new WitnessState(State), TimeProvider.System);

    public string Note(MemoryLedger ledger, ECDsa? key = null, string origin = Origin)
    {
        var (size, root) = ledger.Head();
        return SignedNote.Sign(new Checkpoint(origin, size, root, 1_765_000_000).Body, origin, key ?? LogKey);
    }

    public string Request(MemoryLedger ledger, long old, ECDsa? key = null) =>
        new AddCheckpointRequest(old, LedgerProofs.Consistency(ledger, old, ledger.Head().Size) ?? [], Note(ledger, key)).Format();

    public void Dispose()
    {
        LogKey.Dispose();
        WitnessKey.Dispose();
        Directory.Delete(State, recursive: true);
    }
}
