using System.Globalization;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Record.Clinical;
using Vigil.Record.Readings;
using Vigil.Record.Trust;

namespace Vigil.Platform.Verification;

/// <summary>
/// Reference glucose values (fingersticks) against the CGMs (T09). Each reference is paired with
/// the patient's CGM reading nearest in time; the mean absolute relative difference (MARD) of a
/// device's recent pairs, and of its lot's, is compared with
/// <see cref="VerificationRules.MaxMard"/>. A drifting device, or every device of a drifting lot,
/// is flagged and its readings since the first bad pair become Suspect.
/// </summary>
public sealed class CalibrationService(TrustResponse response, IClinicalStore clinical, IReadingStore readings)
{
    private const int RecentPairs = 6;
    private const int LotPairs = 30;
    private const int LotDevices = 2;

    /// <summary>The security event code of drift.</summary>
    public const string DriftDetected = "calibration-drift";

    /// <summary>Stores a reference value (mg/dL) and checks the device and lot it pairs with.</summary>
    public Calibration Add(string patientId, DateTimeOffset at, double value, string source, DateTimeOffset enteredAt)
    {
        var window = VerificationRules.CalibrationPairing;
        var nearest = readings.Query(new ReadingQuery { PatientId = patientId, Kind = MeasurementKind.Glucose, From = at - window, To = at + window, Limit = 50 })
            .Where(r => !r.Flags.HasFlag(ReadingFlags.Calibration) && r.Verdict.Status != VerdictStatus.Rejected
                && !r.Flags.HasFlag(ReadingFlags.BelowRange) && !r.Flags.HasFlag(ReadingFlags.AboveRange))
            .MinBy(r => (r.At - at).Duration());
        var calibration = new Calibration(
            0, patientId, at, value, source, enteredAt, nearest?.DeviceId,
            nearest is null ? null : VerificationRules.InLimitUnit(new Reading(nearest.Kind, nearest.At, nearest.Values, nearest.Unit), nearest.Values[0]));
        calibration = calibration with { Id = clinical.AddCalibration(calibration) };
        if (nearest is not null)
        {
            Check(nearest.DeviceId);
        }

        return calibration;
    }

    /// <summary>The MARD of a set of pairs, or null when there are too few.</summary>
    public static double? Mard(IReadOnlyList<Calibration> pairs, int minimum)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var errors = pairs.Select(p => p.RelativeError).OfType<double>().ToList();
        return errors.Count >= minimum ? errors.Average() : null;
    }

    private void Check(DeviceId device)
    {
        var record = response.Registry.FindDevice(device);
        if (record is null)
        {
            return;
        }

        var own = clinical.Calibrations(deviceId: device).TakeLast(RecentPairs).ToList();
        if (Mard(own, VerificationRules.CalibrationPairs) is { } mard && mard > VerificationRules.MaxMard
            && !response.Trust.Flags(device).Any(f => f.Flag == ReasonCodes.Drift))
        {
            var since = own.Where(p => p.RelativeError > VerificationRules.MaxMard).Min(p => p.At) - VerificationRules.CalibrationPairing;
            var detail = string.Create(CultureInfo.InvariantCulture, $"{device} reads {mard:P0} off its {own.Count} latest fingersticks (bound {VerificationRules.MaxMard:P0})");
            response.OpenIncidentOnce("drift", device, since, detail);
            Run(response.FlagAsync(device, ReasonCodes.Drift, since, "calibration", detail, "vigil", "calibration", DriftDetected));
        }

        var lot = clinical.Calibrations(model: record.Model, lot: record.Lot).TakeLast(LotPairs).ToList();
        if (lot.Select(p => p.DeviceId).Distinct().Count() >= LotDevices && Mard(lot, VerificationRules.CalibrationPairs * LotDevices) is { } lotMard
            && lotMard > VerificationRules.MaxMard)
        {
            var since = lot.Where(p => p.RelativeError > VerificationRules.MaxMard).Min(p => p.At) - VerificationRules.CalibrationPairing;
            var detail = string.Create(CultureInfo.InvariantCulture, $"lot {record.Lot} of {record.Model} reads {lotMard:P0} off {lot.Count} fingersticks across devices (bound {VerificationRules.MaxMard:P0})");
            response.OpenIncidentOnce("lot-drift", null, since, detail, Incident.LotSubject(record.Model, record.Lot));
            foreach (var member in response.Registry.ListDevices().Where(d => d.Model == record.Model && d.Lot == record.Lot))
            {
                if (!response.Trust.Flags(member.Id).Any(f => f.Flag == ReasonCodes.LotDrift))
                {
                    Run(response.FlagAsync(member.Id, ReasonCodes.LotDrift, since, $"lot {record.Lot}", detail, "vigil", "calibration", DriftDetected));
                }
            }
        }
    }

    private static void Run(Task task) => task.GetAwaiter().GetResult();
}
