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
/// never look like a skewed clock. The clone rules (<see cref="SessionHistory"/>) see each
/// device's signed session fields in the order its roaming hub delivers them, outages and
/// newest-first backfill included: a clean fleet must raise no clone incident. The clock rule
/// across sessions (<see cref="SensorCoverage"/>) sees the readings in that same delivery order, so
/// a late backlog of an earlier session must not look like a clock going back.
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
        var devices = FleetComposition.KindsOf(patient).Select(kind => new AuditDevice(kind, patient, start)).ToArray();
        var hub = new AuditHub(patient);
        var result = new CleanFleetResult();
        while (true)
        {
            var device = devices.MinBy(d => d.Due)!;
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

            hub.Carry(device, device.Seal(readings), result);
            device.Due += PatientSensors.Cadence(device.Kind);
        }
    }

    // One clean device: its own key, one counter, one session at a time, a new one daily or on a reboot.
    private sealed class AuditDevice
    {
        // About one reboot in 500 batches (a CGM: every other day or so), each a new session.
        private const int RebootOneIn = 500;

        // The protocol's default session age (the device SDK's SessionPolicy).
        private static readonly TimeSpan SessionMaxAge = TimeSpan.FromHours(24);

        private readonly Random _random;

        public AuditDevice(SensorKind kind, int patient, DateTimeOffset start)
        {
            Kind = kind;
            Id = DeviceId.Parse($"audit-{(int)kind}-{patient}");
            Due = start + PatientSensors.Cadence(kind);
            _random = new Random(RelayRoute.Mix(patient, (int)kind, 0x53_45_53));
        }

        public SensorKind Kind { get; }

        public DeviceId Id { get; }

        public DateTimeOffset Due { get; set; }

        public ulong Sequence { get; set; }

        public ReadingVerifier Verifier { get; } = new();

        public CareTeamNoticeRule Notice { get; } = new();

        public SessionHistory Sessions { get; } = new([]);

        public SensorCoverage Coverage { get; } = new();

        private (UInt128 Id, DateTimeOffset Start)? Session { get; set; }

        // The signed session fields and numbering of the batch just verified.
        public SignedFields Seal(IReadOnlyList<Reading> readings)
        {
            if (Session is not { } session || Due - session.Start >= SessionMaxAge || _random.Next(RebootOneIn) == 0)
            {
                session = (new UInt128((ulong)_random.NextInt64(), (ulong)_random.NextInt64()), Due);
                Session = session;
            }

            return new SignedFields(session.Id, session.Start, Sequence, Due, readings);
        }
    }

    private readonly record struct SignedFields(UInt128 Session, DateTimeOffset Start, ulong Sequence, DateTimeOffset Created, IReadOnlyList<Reading> Readings);

    // The patient's hub as the session rules see it: batches in the order they arrive. During the
    // hub's outages they wait and then go newest first; the hub's roaming between addresses and
    // transports is recorded with each batch, as the platform records sources, and is not evidence.
    private sealed class AuditHub(int seed)
    {
        private static readonly FleetEndpoint Loopback = new("127.0.0.1", 8883, null!, 8443);
        private readonly List<(AuditDevice Device, SignedFields Fields)> _backlog = [];
        private RelayRoute? _route;

        public void Carry(AuditDevice device, SignedFields fields, CleanFleetResult result)
        {
            if (SimulatedRelay.OfflineAt(seed, fields.Created))
            {
                _backlog.Add((device, fields));
                return;
            }

            var route = RelayRoute.At(seed, fields.Created, Loopback);
            if (_route is not null && route != _route)
            {
                result.CountRoam(_route, route);
            }

            _route = route;
            for (var i = _backlog.Count - 1; i >= 0; i--)
            {
                Deliver(_backlog[i].Device, _backlog[i].Fields, result);
            }

            _backlog.Clear();
            Deliver(device, fields, result);
        }

        private static void Deliver(AuditDevice device, SignedFields fields, CleanFleetResult result)
        {
            result.Delivered++;
            if (device.Sessions.Check(fields.Session, fields.Start, fields.Sequence, fields.Created) is not null)
            {
                result.CloneIncidents++;
            }

            device.Sessions.Add(fields.Session, fields.Start, fields.Sequence, fields.Created);
            if (device.Coverage.Regressions(fields.Session, fields.Sequence, fields.Readings).Any(r => r is not null))
            {
                result.ClockIncidents++;
            }

            foreach (var reading in fields.Readings)
            {
                device.Coverage.Add(fields.Session, fields.Sequence, reading.Kind, reading.Time);
            }
        }
    }
}
