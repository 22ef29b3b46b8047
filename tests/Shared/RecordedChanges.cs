using System.Collections.Concurrent;
using Vigil.Record.Changes;

namespace Vigil.Tests.Shared;

/// <summary>An observer of the record's change notifications that keeps what it was told, for tests to wait on.</summary>
public sealed class RecordedChanges : IRecordChangeObserver
{
    private readonly ConcurrentQueue<RecordChange> _changes = new();
    private readonly ConcurrentQueue<RecordChangeParse> _refused = new();
    private readonly ConcurrentQueue<string> _interruptions = new();

    public IReadOnlyList<RecordChange> Changes => [.. _changes];

    public IReadOnlyList<RecordChangeParse> Refusals => [.. _refused];

    public IReadOnlyList<string> Interruptions => [.. _interruptions];

    /// <summary>How many times the listener told that anything may have changed (each (re)connection does).</summary>
    public int WholeRegistry => _changes.Count(c => c == RecordChange.Registry);

    public bool Heard(string payload) => _changes.Any(c => c.Payload == payload);

    /// <summary>Everything told so far, for a failure's message.</summary>
    public string Told() =>
        $"changes [{string.Join(", ", _changes)}], refused [{string.Join(", ", _refused.Select(r => r.Code))}], interrupted [{string.Join(" | ", _interruptions)}]";

    public void Changed(RecordChange change) => _changes.Enqueue(change);

    public void Refused(RecordChangeParse refusal) => _refused.Enqueue(refusal);

    public void Interrupted(string detail) => _interruptions.Enqueue(detail);
}
