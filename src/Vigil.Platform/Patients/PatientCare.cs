using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Readings;

namespace Vigil.Platform.Patients;

/// <summary>
/// The work of one patient's actor: checks each batch against the patient's other sensors (a
/// disagreement revises the verdicts, keeping the old ones), takes reference glucose values the
/// devices carry, and evaluates the patient's clinical rules. Every alert carries the worst
/// verdict of the readings it rests on. Calls must not overlap.
/// </summary>
internal sealed class PatientCare(PatientId patientId, PatientServices services)
{
    private static readonly TimeSpan ThresholdsRefresh = TimeSpan.FromMinutes(1);
    private readonly CrossSensorCheck _cross = new();
    private ClinicalThresholds? _thresholds;
    private DateTimeOffset _thresholdsAt;

    /// <summary>Handles one committed batch.</summary>
    public async Task ObserveAsync(PatientObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var now = services.Time.GetUtcNow();
        var device = observation.DeviceId;
        var readings = observation.Readings.Select(r => r.ToReading()).ToList();
        var verdicts = observation.Readings.Select(r => r.Verdict).ToList();
        var revisions = new List<(ReadingKey, Verdict)>();
        for (var i = 0; i < readings.Count; i++)
        {
            var extra = _cross.Reasons(readings[i], readings).ToList();
            if (extra.Count > 0 && verdicts[i].Status != VerdictStatus.Rejected)
            {
                verdicts[i] = verdicts[i].With(extra);
                revisions.Add((new ReadingKey(device, observation.Sequence, observation.Readings[i].Index), verdicts[i]));
            }
        }

        if (revisions.Count > 0)
        {
            await services.Readings.ReviseAsync(revisions, "cross-sensor", now);
        }

        for (var i = 0; i < readings.Count; i++)
        {
            _cross.Observe(readings[i], verdicts[i]);
            if (readings[i].Kind == MeasurementKind.Glucose && readings[i].Flags.HasFlag(ReadingFlags.Calibration) && verdicts[i].Status == VerdictStatus.Verified)
            {
                await services.Calibrations.AddAsync(patientId, readings[i].Time, VerificationRules.Primary(readings[i]), $"meter via {device}", now);
            }
        }

        await EvaluateAsync(device, readings, verdicts, now);
    }

    private async Task EvaluateAsync(DeviceId device, List<Reading> readings, List<Verdict> verdicts, DateTimeOffset now)
    {
        var thresholds = await ThresholdsAsync(now);
        var findings = readings
            .Select((r, i) => (Reading: r, Verdict: verdicts[i]))
            .Where(x => x.Verdict.Status != VerdictStatus.Rejected && !x.Reading.Flags.HasFlag(ReadingFlags.Calibration))
            .SelectMany(x => ClinicalRules.Evaluate(x.Reading, thresholds).Select(f => (x.Reading, x.Verdict, Finding: f)))
            .GroupBy(x => x.Finding.Rule, StringComparer.Ordinal);
        foreach (var rule in findings)
        {
            var worst = rule.MaxBy(x => x.Verdict.Status);
            var first = rule.MinBy(x => x.Reading.Time);
            var reasons = rule.SelectMany(x => x.Verdict.Reasons).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (await services.Clinical.OpenAlertAsync(patientId, rule.Key) is { } open)
            {
                await services.Clinical.AddOccurrenceAsync(open.Id, rule.Max(x => x.Reading.Time), first.Finding.Value, worst.Verdict.Status, reasons, now);
                continue;
            }

            await services.Clinical.RaiseAlertAsync(new Alert(
                0, patientId, rule.Key, device, now, first.Reading.Time, first.Finding.Value,
                worst.Verdict.Status == VerdictStatus.Verified ? first.Finding.Detail : $"{first.Finding.Detail}; data not verified ({string.Join(", ", reasons)}): confirm before escalating",
                worst.Verdict.Status, reasons, AlertStatus.Open, now, 1, rule.Max(x => x.Reading.Time)));
            services.AlertsRaised.Add(1, new KeyValuePair<string, object?>("rule", rule.Key), new KeyValuePair<string, object?>("integrity", worst.Verdict.Status.ToString()));
        }
    }

    private async Task<ClinicalThresholds> ThresholdsAsync(DateTimeOffset now)
    {
        if (_thresholds is null || now - _thresholdsAt > ThresholdsRefresh)
        {
            _thresholds = await services.Clinical.ThresholdsAsync(patientId);
            _thresholdsAt = now;
        }

        return _thresholds;
    }
}
