using System.Data.Common;
using Vigil.Record.Ledger;

namespace Vigil.Record.Storage;

/// <summary>
/// Appends entries to the ledger inside a write transaction: the tree's edge is read with the
/// transaction (and locked there on PostgreSQL, so no other writer moves it until this one
/// commits), each entry goes in at the next index, and the edge is saved before the commit. The
/// group committer keeps one across its transactions; a verdict revision uses one for its own.
/// </summary>
internal sealed class LedgerWriter : IDisposable
{
    private readonly DbCommand _load;
    private readonly DbCommand _insert;
    private readonly DbCommand _save;
    private readonly DbCommand _block;

    public LedgerWriter(DbConnection connection, RecordDatabase database)
    {
        _load = Sql.Command(connection, "SELECT frontier FROM ledger_state WHERE id = 1" + database.ForUpdate + ";");
        _insert = Sql.Command(
            connection,
            "INSERT INTO ledger (idx, kind, subject, leaf, device_id, sequence, access_id) VALUES (@idx, @kind, @subject, @leaf, @device, @seq, @access);",
            ("@idx", null), ("@kind", null), ("@subject", null), ("@leaf", null), ("@device", null), ("@seq", null), ("@access", null));
        _save = Sql.Command(
            connection, "INSERT INTO ledger_state (id, frontier) VALUES (1, @frontier) ON CONFLICT (id) DO UPDATE SET frontier = excluded.frontier;",
            ("@frontier", null));
        _block = Sql.Command(connection, "INSERT INTO ledger_blocks (idx, hash) VALUES (@idx, @hash);", ("@idx", null), ("@hash", null));
    }

    public void Enlist(DbTransaction transaction) => _load.Transaction = _insert.Transaction = _save.Transaction = _block.Transaction = transaction;

    /// <summary>The ledger's edge as committed.</summary>
    public MerkleFrontier Load() => MerkleFrontier.FromStored(_load.ExecuteScalar() as byte[]);

    /// <summary>The ledger's edge as committed.</summary>
    public async Task<MerkleFrontier> LoadAsync(CancellationToken cancellationToken) => MerkleFrontier.FromStored(await _load.ExecuteScalarAsync(cancellationToken) as byte[]);

    /// <summary>Inserts an entry at the edge and moves the edge past it.</summary>
    public void Append(MerkleFrontier ledger, string kind, string subject, byte[] leaf, string? device = null, long? sequence = null, long? access = null)
    {
        Sql.Set(_insert, ledger.Size, kind, subject, leaf, device, sequence, access);
        _insert.ExecuteNonQuery();
        if (Advance(ledger, leaf))
        {
            _block.ExecuteNonQuery();
        }
    }

    /// <summary>Inserts an entry at the edge and moves the edge past it.</summary>
    public async Task AppendAsync(MerkleFrontier ledger, string kind, string subject, byte[] leaf, string? device, long? sequence, CancellationToken cancellationToken)
    {
        Sql.Set(_insert, ledger.Size, kind, subject, leaf, device, sequence, null);
        await _insert.ExecuteNonQueryAsync(cancellationToken);
        if (Advance(ledger, leaf))
        {
            await _block.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Saves the edge with the transaction.</summary>
    public void Save(MerkleFrontier ledger)
    {
        Sql.Set(_save, ledger.ToBytes());
        _save.ExecuteNonQuery();
    }

    /// <summary>Saves the edge with the transaction.</summary>
    public async Task SaveAsync(MerkleFrontier ledger, CancellationToken cancellationToken)
    {
        Sql.Set(_save, ledger.ToBytes());
        await _save.ExecuteNonQueryAsync(cancellationToken);
    }

    // Moves the edge past the leaf; true if that completed a block, whose hash the block command then inserts (LedgerBlocks).
    private bool Advance(MerkleFrontier ledger, byte[] leaf)
    {
        ledger.Append(MerkleHash.Leaf(leaf), LedgerBlocks.Height, out var block);
        if (block is null)
        {
            return false;
        }

        Sql.Set(_block, (ledger.Size / LedgerBlocks.Size) - 1, block);
        return true;
    }

    public void Dispose()
    {
        _load.Dispose();
        _insert.Dispose();
        _save.Dispose();
        _block.Dispose();
    }
}
