using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Batches;
using Vigil.Record.Readings;

namespace Vigil.Platform.Devices;

/// <summary>
/// Rebuilds what a device's sessions already cover of each sensor from the record, when its actor
/// starts: per kind the newest stored readings, each placed in its session by its sequence number
/// (the sessions' signed ranges), so that a clock set back across a restart of the device is seen
/// after a restart of the platform too.
/// </summary>
internal static class SensorCoverageLoader
{
    // The newest readings per kind are enough: the latest time of a kind in each recent session is what the rule compares.
    private const int PerKind = 16;

    public static async Task PrimeAsync(SensorCoverage coverage, DeviceId device, IBatchStore batches, IReadingStore readings)
    {
        var sessions = await batches.SessionsAsync(device);
        if (sessions.Count == 0)
        {
            return;
        }

        foreach (var kind in Enum.GetValues<MeasurementKind>())
        {
            foreach (var reading in await readings.QueryAsync(new ReadingQuery { DeviceId = device, Kind = kind, Limit = PerKind }))
            {
                if (reading.Verdict.Reasons.Contains(ReasonCodes.ClockSkew) || reading.Verdict.Reasons.Contains(ReasonCodes.ClockInvalid))
                {
                    continue;
                }

                foreach (var session in sessions)
                {
                    if (reading.Sequence >= session.Lowest && reading.Sequence <= session.Highest)
                    {
                        coverage.Add(session.Id, reading.Sequence, reading.Kind, reading.At);
                        break;
                    }
                }
            }
        }
    }
}
