namespace Vigil.Record.Ledger;

/// <summary>
/// The entries of recorded facts as the audit's pass over the ledger meets them: for each
/// subject, its newest entry and whether that one records the row's removal. A fact's older
/// entries are superseded by its newest: only the newest must be claimed by the row as it stands.
/// </summary>
internal sealed class FactHistory
{
    private readonly Dictionary<string, (long Newest, bool Removed)> _newest = new(StringComparer.Ordinal);
    private readonly HashSet<long> _superseded = [];
    private Dictionary<long, (string Subject, bool Removed)>? _byIndex;

    /// <summary>Notes a fact's entry, in index order.</summary>
    public void Add(long index, string subject, bool removed)
    {
        if (_newest.TryGetValue(subject, out var previous))
        {
            _superseded.Add(previous.Newest);
        }

        _newest[subject] = (index, removed);
    }

    /// <summary>Whether a later entry of the same fact supersedes this one.</summary>
    public bool IsSuperseded(long index) => _superseded.Contains(index);

    /// <summary>If the entry is a fact's newest: its subject and whether it records a removal.</summary>
    public bool IsNewest(long index, out string subject, out bool removed)
    {
        _byIndex ??= _newest.ToDictionary(n => n.Value.Newest, n => (n.Key, n.Value.Removed));
        if (_byIndex.TryGetValue(index, out var fact))
        {
            (subject, removed) = fact;
            return true;
        }

        (subject, removed) = (string.Empty, false);
        return false;
    }

    /// <summary>The facts whose newest entry records that Vigil removed the row.</summary>
    public IEnumerable<(string Subject, long Index)> Removed() => _newest.Where(n => n.Value.Removed).Select(n => (n.Key, n.Value.Newest));
}
