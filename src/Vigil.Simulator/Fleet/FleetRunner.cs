namespace Vigil.Simulator.Fleet;

/// <summary>
/// Runs a fleet: every device seals its batches as they fall due in simulated time and hands them
/// to its patient's relay; every relay forwards them over MQTT. Stops when cancelled. With a
/// <see cref="FleetClockMark"/>, the simulated clock's high-water mark is kept ahead of every time
/// used, so a restart on the same data folder goes on from where this run stopped.
/// </summary>
public sealed class FleetRunner(IReadOnlyList<SimulatedPatient> patients, SimulatedClock clock, FleetEndpoint endpoint, FleetClockMark? mark = null)
{
    /// <summary>The live counts.</summary>
    public FleetStats Stats { get; } = new();

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var relays = patients.Select(p => p.Relay.RunAsync(endpoint, clock, Stats, cancellationToken)).ToList();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                mark?.Advance(now);
                foreach (var patient in patients)
                {
                    foreach (var device in patient.Devices)
                    {
                        // Never more than a few periods at once: a fleet that falls behind skips ahead rather than floods.
                        for (var due = 0; device.NextDue <= now && due < 4; due++)
                        {
                            var (batch, readings) = device.SealDue();
                            patient.Relay.Enqueue(device.Id, batch, readings);
                            Stats.CountSealed();
                        }
                    }
                }

                Stats.SimulatedNow = now;
                Stats.Buffered = patients.Sum(p => (long)p.Relay.Buffered);
                Stats.RelaysOffline = patients.Count(p => p.Relay.IsOffline(now));
                Stats.RelaysConnected = patients.Count(p => p.Relay.IsConnected);
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(relays);
    }
}
