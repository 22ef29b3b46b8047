namespace Vigil.Record.Encryption;

/// <summary>
/// A sealed field of the record failed to open: it was edited, or copied from another row or
/// column, behind Vigil's back (T17). The record is not read as if it were intact.
/// </summary>
public sealed class RecordIntegrityException : Exception
{
    /// <summary>Creates the exception for a field.</summary>
    public RecordIntegrityException(string field, string why)
        : base($"The record's field '{field}' failed its integrity check: {why}. Run 'vigil audit verify'.") => Field = field;

    /// <summary>Creates the exception.</summary>
    public RecordIntegrityException()
        : this("unknown", "unknown")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RecordIntegrityException(string message)
        : base(message) => Field = "unknown";

    /// <summary>Creates the exception with a message and cause.</summary>
    public RecordIntegrityException(string message, Exception innerException)
        : base(message, innerException) => Field = "unknown";

    /// <summary>The field that failed (table, column, row key).</summary>
    public string Field { get; }
}
