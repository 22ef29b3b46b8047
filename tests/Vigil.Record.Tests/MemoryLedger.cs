using System.Text;
using Vigil.Record.Ledger;

namespace Vigil.Record.Tests;

/// <summary>An in-memory ledger of numbered leaves, for the witness and monitor tests.</summary>
internal sealed class MemoryLedger : ILedger
{
    private readonly List<byte[]> _leaves = [];
    private readonly List<StoredCheckpoint> _checkpoints = [];

    public MemoryLedger(int size, string salt = "")
    {
        Grow(size, salt);
    }

    public void Grow(int count, string salt = "")
    {
        for (var i = 0; i < count; i++)
        {
            _leaves.Add(MerkleHash.Leaf(Encoding.UTF8.GetBytes($"{salt}{_leaves.Count}")));
        }
    }

    public (long Size, byte[] Root) Head() => (_leaves.Count, MerkleTree.Root(_leaves, _leaves.Count));

    public IReadOnlyList<LedgerEntry> Entries(long from, int count) => throw new NotSupportedException();

    public LedgerEntry? Find(string kind, string subject) => null;

    public IReadOnlyList<byte[]> LeafHashes(long from, long to) => _leaves.GetRange((int)from, (int)(to - from));

    public IReadOnlyList<byte[]?> BlockHashes(long count) => [.. Enumerable.Repeat<byte[]?>(null, (int)count)];

    public void AddCheckpoint(StoredCheckpoint checkpoint) => _checkpoints.Add(checkpoint);

    public IReadOnlyList<StoredCheckpoint> Checkpoints() => _checkpoints;
}
