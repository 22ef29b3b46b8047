using Vigil.Domain.Devices;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Replay;

namespace Vigil.Platform.Devices;

/// <summary>
/// Ingest's first half for a platform that keeps no record (the showcase): opens a batch
/// completely, then takes its device's replay decision (<see cref="ReplayGuard"/>) as the device
/// actor does; with no record to ask, a number the window has seen or no longer remembers is a
/// replay. An accepted number is committed at once, there being nothing to store.
/// </summary>
public sealed class RecordlessIngest(BatchOpener opener)
{
    private readonly Dictionary<DeviceId, ReplayGuard> _guards = [];

    /// <summary>Opens a batch and decides on its sequence number; the decision is null when the batch did not open.</summary>
    public (OpenResult Opened, ReplayDecision? Decision) Receive(ReadOnlyMemory<byte> envelope)
    {
        var opened = opener.Open(envelope);
        if (!opened.IsSuccess)
        {
            return (opened, null);
        }

        var content = opened.Batch.Content;
        if (!_guards.TryGetValue(content.DeviceId, out var guard))
        {
            _guards[content.DeviceId] = guard = new ReplayGuard();
        }

        var decision = guard.Check(content.Sequence);
        if (!ReplayGuard.RecordDecides(decision))
        {
            guard.Commit(content.Sequence);
        }

        return (opened, decision);
    }
}
