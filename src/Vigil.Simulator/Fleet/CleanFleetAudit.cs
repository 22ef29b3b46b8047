using System.Collections.Concurrent;
using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Simulator.Physiology;

namespace Vigil.Simulator.Fleet;

/// <summary>
/// Measures false alarms: runs a clean simulated fleet (the same patients, sensors and cadences as
/// <c>vigil simulate</c>) through the same verification the platform applies (device checks,
/// clock, each reading, each batch, sensor history, cross-sensor checks), in process and in
/// simulated time, and counts the verdicts. Clean data should almost always be Verified, and
/// never look like a skewed clock.
/// </summary>
public static class CleanFleetAudit
{
    /// <summary>How late after sealing a batch reaches the platform in the audit.</summary>
    public static readonly TimeSpan Transit = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="patients"/> patients for <paramref name="days"/> days each from <paramref name="start"/>.</summary>
    public static CleanFleetResult Run(int patients, double days, DateTimeOffset start, IProgress<int>? progress = null)
    {
        var results = new ConcurrentBag<CleanFleetResult>();
        var done = 0;
        Parallel.For(1, patients + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results.Add(RunPatient(i, days, start));
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results.Aggregate(new CleanFleetResult(), (a, b) => a.Add(b)) with { PatientDays = patients * days };
    }

    private static CleanFleetResult RunPatient(int patient, double days, DateTimeOffset start)
    {
        var sensors = new PatientSensors(new PatientPhysiology(patient, FleetComposition.IsIll(patient)), new Random(patient));
        var cross = new CrossSensorCheck();
        var end = start.AddDays(days);
        var devices = FleetComposition.KindsOf(patient)
            .Select(kind => (Kind: kind, Id: DeviceId.Parse($"audit-{(int)kind}-{patient}"), Verifier: new ReadingVerifier(), Due: start + PatientSensors.Cadence(kind), Sequence: 0UL, Notice: new CareTeamNoticeRule()))
            .ToArray();
        var result = new CleanFleetResult();
        while (true)
        {
            var next = Enumerable.Range(0, devices.Length).MinBy(d => devices[d].Due);
            ref var device = ref devices[next];
            if (device.Due > end)
            {
                return result;
            }

            var readings = sensors.Batch(device.Kind, device.Due);
            var batch = new BatchContent(device.Id, ++device.Sequence, device.Due, new byte[BatchContent.FirmwareDigestLength], readings);
            var verification = device.Verifier.Verify(batch, device.Due + Transit, []);
            var verdicts = verification.Verdicts.ToArray();
            for (var r = 0; r < readings.Count; r++)
            {
                var extra = cross.Reasons(readings[r], readings).ToList();
                if (extra.Count > 0)
                {
                    verdicts[r] = verdicts[r].With(extra);
                }

                cross.Observe(readings[r], verdicts[r]);
                result.Count(readings[r], verdicts[r]);
            }

            if (device.Notice.Observe(verdicts, device.Due) is not null)
            {
                result.CountNotice(device.Kind);
            }

            if (verification.ClockReasons.Count > 0)
            {
                result.ClockIncidents++;
            }

            device.Due += PatientSensors.Cadence(device.Kind);
        }
    }
}
