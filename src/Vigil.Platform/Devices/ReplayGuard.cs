using Vigil.Domain.Devices;
using Vigil.Protocol.Replay;
using Vigil.Record.Batches;

namespace Vigil.Platform.Devices;

/// <summary>
/// A device's replay decision, for its actor and for a platform that keeps no record (the
/// showcase) alike. The window (<see cref="ReplayWindow"/>) answers fresh numbers and backfills
/// alone; a number it has seen, or can no longer remember, it cannot accept on its own word
/// (<see cref="RecordDecides"/>): the record decides, since it holds every accepted (device,
/// sequence) once, and without a record the batch is a replay. A number is committed only once its
/// batch is accepted, so that a batch refused later leaves the window as it was.
/// </summary>
internal sealed class ReplayGuard
{
    private readonly ReplayWindow _window;

    /// <summary>A guard that has seen nothing yet.</summary>
    public ReplayGuard()
        : this(new ReplayWindow())
    {
    }

    private ReplayGuard(ReplayWindow window) => _window = window;

    /// <summary>
    /// The guard of a device rebuilt from the batches the record holds rather than stored beside
    /// them: the record is the truth, and a kilobyte less is written with every batch.
    /// </summary>
    public static async Task<ReplayGuard> LoadAsync(DeviceId device, IBatchStore batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var window = new ReplayWindow();
        foreach (var sequence in await batches.RecentSequencesAsync(device, window.Bits, cancellationToken))
        {
            window.Commit(sequence);
        }

        return new ReplayGuard(window);
    }

    /// <summary>Whether the window cannot accept a number on its own word, so that only a record that never stored it can.</summary>
    public static bool RecordDecides(ReplayDecision decision) => decision is ReplayDecision.Duplicate or ReplayDecision.BelowWindow;

    /// <summary>What the window says of a sequence number, without changing it.</summary>
    public ReplayDecision Check(ulong sequence) => _window.Check(sequence);

    /// <summary>Marks a sequence number accepted.</summary>
    public void Commit(ulong sequence) => _window.Commit(sequence);
}
