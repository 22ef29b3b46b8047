namespace Vigil.Record.Schema;

/// <summary>
/// What a column holds, whichever database holds it; each <see cref="SqlDialect"/> names its own
/// type for it. Integers the code reads as 32-bit are <see cref="Int32"/>; times (Unix
/// milliseconds), sequence numbers, ledger indexes and generated ids are <see cref="Int64"/>.
/// SQLite stores both in its one INTEGER type.
/// </summary>
internal enum ColumnType
{
    /// <summary>A 32-bit integer: counts, statuses, kinds, versions, flags.</summary>
    Int32,

    /// <summary>A 64-bit integer: times, sequence numbers (64-bit unsigned on the wire, stored by bit pattern), ids.</summary>
    Int64,

    /// <summary>A double-precision number (only the readings kept in clear before encryption at rest).</summary>
    Real,

    /// <summary>Text.</summary>
    Text,

    /// <summary>Bytes: digests, certificates, sealed fields.</summary>
    Bytes,
}
