namespace Vigil.Server.Hosting;

/// <summary>
/// What a benchmark's reference server leaves out, to measure what it costs. Not configuration:
/// only <c>vigil bench ingest</c> builds such a server, on a record it made for the purpose, and
/// <c>vigil serve</c> builds only the whole Vigil on a clinical record.
/// </summary>
public enum BenchReference
{
    /// <summary>Nothing left out: the whole Vigil.</summary>
    None,

    /// <summary>Encryption at rest and the ledger: the record must have been made without protection.</summary>
    Unprotected,

    /// <summary>Verification: readings are stored Suspect(not-verified).</summary>
    Unverified,
}
