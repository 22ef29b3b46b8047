namespace Vigil.Record;

/// <summary>
/// Whether the record takes its shortcuts past the plain .NET paths where they are available
/// (docs/record.md, "What an audit costs"): the ledger's SHA-256 straight from OpenSSL
/// (<see cref="Ledger.Sha256"/>), and the audit's SQLite scans reading their statement straight
/// from SQLite's library on a connection without SQLite's mutex (<see cref="Sqlite.SqliteScan"/>).
/// Each shortcut gives the plain path's answer (the tests compare the two); switching them off
/// serves to measure what they gain (<c>vigil bench audit</c>) and to compare whole audits. The
/// choice is read once per hash and once per scan, so a change applies from the next of each.
/// </summary>
public static class FastPaths
{
    private static volatile bool _enabled = true;

    /// <summary>Whether the shortcuts are taken (the default).</summary>
    public static bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }
}
