namespace Vigil.Record.Ledger;

/// <summary>
/// The audit's pass over the ledger in index order: entries must be contiguous; the tree is
/// recomputed from the leaves and compared with every signed checkpoint and every stored block
/// hash; each leaf's hash is kept (<see cref="KnownLeafHashes"/>) for the record's pass, and each
/// fact's entries noted (<see cref="FactHistory"/>).
/// </summary>
internal sealed class LedgerTreePass(ILedger ledger, IAuditSource source, List<Checkpoint> checkpoints, KnownLeafHashes hashes, FactHistory facts, IProgress<long>? progress)
{
    private const int ProgressEvery = 16_384;

    /// <summary>
    /// Starts the pass over the first <paramref name="size"/> entries on a thread of its own (as far
    /// as the ledger's scan completes at once, as SQLite's does): on a pool thread it could wait for
    /// the pool to grow while the record's pass runs.
    /// </summary>
    public Task<(MerkleFrontier Frontier, List<AuditFinding> Findings)> Start(long size, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => RunAsync(size, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task<(MerkleFrontier Frontier, List<AuditFinding> Findings)> RunAsync(long size, CancellationToken cancellationToken)
    {
        var findings = new List<AuditFinding>();
        var frontier = new MerkleFrontier();
        var blocks = ledger.BlockHashes(size / LedgerBlocks.Size);
        var next = 0;
        var lastGood = 0L;
        long expected = 0;
        for (; next < checkpoints.Count && checkpoints[next].Size == 0; next++)
        {
            if (!checkpoints[next].RootHash.AsSpan().SequenceEqual(MerkleHash.Empty))
            {
                findings.Add(new AuditFinding(null, "checkpoint 0", "the checkpoint of the empty ledger does not carry the empty tree's root"));
            }
        }

        await foreach (var entry in source.LeafHashesAsync(cancellationToken))
        {
            if (expected == size)
            {
                break;
            }

            if (entry.Index != expected)
            {
                findings.Add(new AuditFinding(expected, "ledger", $"entries {expected} to {entry.Index - 1} are missing from the ledger"));
                return (frontier, findings);
            }

            hashes.Add(entry.LeafHash);
            if (entry.FactSubject is { } fact)
            {
                facts.Add(entry.Index, fact, entry.Removed);
            }

            frontier.Append(entry.LeafHash, LedgerBlocks.Height, out var block);
            expected++;
            if (block is not null && (frontier.Size / LedgerBlocks.Size) - 1 is var b && b < blocks.Count && blocks[(int)b] is { } stored && !stored.AsSpan().SequenceEqual(block))
            {
                // Not the record's data, but proofs through this block would fail to verify.
                findings.Add(new AuditFinding(
                    null, $"ledger block {b}", $"the stored hash of entries {b * LedgerBlocks.Size} to {((b + 1) * LedgerBlocks.Size) - 1} does not match them"));
            }

            while (next < checkpoints.Count && checkpoints[next].Size == frontier.Size)
            {
                if (!frontier.Root().AsSpan().SequenceEqual(checkpoints[next].RootHash))
                {
                    findings.Add(new AuditFinding(
                        null, $"checkpoint {checkpoints[next].Size}",
                        $"the ledger no longer matches the checkpoint signed at size {checkpoints[next].Size}: an entry from {lastGood} to {checkpoints[next].Size - 1} was changed in the ledger itself"));
                }
                else
                {
                    lastGood = checkpoints[next].Size;
                }

                next++;
            }

            if (expected % ProgressEvery == 0)
            {
                progress?.Report(expected);
            }
        }

        progress?.Report(expected);
        for (; next < checkpoints.Count; next++)
        {
            findings.Add(new AuditFinding(null, $"checkpoint {checkpoints[next].Size}", $"a checkpoint was signed at size {checkpoints[next].Size} but the ledger holds only {frontier.Size} entries: entries were deleted"));
        }

        return (frontier, findings);
    }
}
