namespace Vigil.Record.Changes;

/// <summary>
/// Told of the record's changes by <see cref="IRecordChanges"/>, on the listener's thread: each
/// method must return at once (start work, never wait for it) and must not throw.
/// </summary>
public interface IRecordChangeObserver
{
    /// <summary>Something changed and is committed.</summary>
    void Changed(RecordChange change);

    /// <summary>A notification did not parse and was ignored.</summary>
    void Refused(RecordChangeParse refusal);

    /// <summary>
    /// The listener lost its channel, or could not open it; notifications are missed until it is
    /// back, and then a <see cref="RecordChange.Registry"/> change is told.
    /// </summary>
    void Interrupted(string detail);
}
