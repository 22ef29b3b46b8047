using System.Globalization;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Security;
using Vigil.Domain.Verification;
using Vigil.Platform.UseCases;
using Vigil.Record.Clinical;
using Vigil.Record.Readings;

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

    /// <summary>The code of a patient that is not known.</summary>
    public const string PatientNotFound = "patient-not-found";

    /// <summary>The code of a glucose value outside what a fingerstick reads.</summary>
    public const string InvalidGlucose = "invalid-glucose";

    /// <summary>The lowest fingerstick glucose accepted, mg/dL.</summary>
    public const double MinimumGlucose = 10;

    /// <summary>The highest fingerstick glucose accepted, mg/dL.</summary>
    public const double MaximumGlucose = 1000;

    /// <summary>
    /// Enters a fingerstick glucose (mg/dL) of a known patient, as a nurse does: it is stored and
    /// paired with the patient's CGM (<see cref="AddAsync"/>).
    /// </summary>
    public async Task<UseCaseResult<Calibration>> EnterAsync(PatientId patientId, DateTimeOffset at, double value, string source, DateTimeOffset enteredAt, CancellationToken cancellationToken = default)
    {
        if (await response.Registry.FindPatientAsync(patientId, cancellationToken) is null)
        {
            return UseCaseResult<Calibration>.Refused(RefusalKind.NotFound, PatientNotFound, $"no patient {patientId}");
        }

        if (value is < MinimumGlucose or > MaximumGlucose)
        {
            return UseCaseResult<Calibration>.Refused(RefusalKind.Invalid, InvalidGlucose, "the glucose must be 10-1000 mg/dL");
        }

        return UseCaseResult<Calibration>.Done(await AddAsync(patientId, at, value, source, enteredAt, cancellationToken));
    }

    /// <summary>Stores a reference value (mg/dL) and checks the device and lot it pairs with.</summary>
    public async Task<Calibration> AddAsync(PatientId patientId, DateTimeOffset at, double value, string source, DateTimeOffset enteredAt, CancellationToken cancellationToken = default)
    {
        var window = VerificationRules.CalibrationPairing;
        var nearest = (await readings.QueryAsync(new ReadingQuery { PatientId = patientId, Kind = MeasurementKind.Glucose, From = at - window, To = at + window, Limit = 50 }, cancellationToken))
            .Where(r => !r.Flags.HasFlag(ReadingFlags.Calibration) && r.Verdict.Status != VerdictStatus.Rejected
                && !r.Flags.HasFlag(ReadingFlags.BelowRange) && !r.Flags.HasFlag(ReadingFlags.AboveRange))
            .MinBy(r => (r.At - at).Duration());
        var calibration = new Calibration(
            0, patientId, at, value, source, enteredAt, nearest?.DeviceId,
            nearest is null ? null : VerificationRules.InLimitUnit(new Reading(nearest.Kind, nearest.At, nearest.Values, nearest.Unit), nearest.Values[0]));
        calibration = calibration with { Id = await clinical.AddCalibrationAsync(calibration, cancellationToken) };
        if (nearest is not null)
        {
            await CheckAsync(nearest.DeviceId, cancellationToken);
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

    private async Task CheckAsync(DeviceId device, CancellationToken cancellationToken)
    {
        var record = await response.Registry.FindDeviceAsync(device, cancellationToken);
        if (record is null)
        {
            return;
        }

        var own = (await clinical.CalibrationsAsync(deviceId: device, cancellationToken: cancellationToken)).TakeLast(RecentPairs).ToList();
        if (Mard(own, VerificationRules.CalibrationPairs) is { } mard && mard > VerificationRules.MaxMard
            && !(await response.Trust.FlagsAsync(device, cancellationToken)).Any(f => f.Flag == DeviceFlagKind.Drift))
        {
            var since = own.Where(p => p.RelativeError > VerificationRules.MaxMard).Min(p => p.At) - VerificationRules.CalibrationPairing;
            var detail = string.Create(CultureInfo.InvariantCulture, $"{device} reads {mard:P0} off its {own.Count} latest fingersticks (bound {VerificationRules.MaxMard:P0})");
            await response.OpenIncidentOnceAsync(IncidentKind.Drift, device, since, detail);
            await response.FlagAsync(device, DeviceFlagKind.Drift, since, "calibration", detail, "vigil", "calibration", DriftDetected);
        }

        var lot = (await clinical.CalibrationsAsync(model: record.Model, lot: record.Lot, cancellationToken: cancellationToken)).TakeLast(LotPairs).ToList();
        if (lot.Select(p => p.DeviceId).Distinct().Count() >= LotDevices && Mard(lot, VerificationRules.CalibrationPairs * LotDevices) is { } lotMard
            && lotMard > VerificationRules.MaxMard)
        {
            var since = lot.Where(p => p.RelativeError > VerificationRules.MaxMard).Min(p => p.At) - VerificationRules.CalibrationPairing;
            var detail = string.Create(CultureInfo.InvariantCulture, $"lot {record.Lot} of {record.Model} reads {lotMard:P0} off {lot.Count} fingersticks across devices (bound {VerificationRules.MaxMard:P0})");
            await response.OpenIncidentOnceAsync(IncidentKind.LotDrift, null, since, detail, Incident.LotSubject(record.Model, record.Lot));
            foreach (var member in (await response.Registry.ListDevicesAsync(cancellationToken)).Where(d => d.Model == record.Model && d.Lot == record.Lot))
            {
                if (!(await response.Trust.FlagsAsync(member.Id, cancellationToken)).Any(f => f.Flag == DeviceFlagKind.LotDrift))
                {
                    await response.FlagAsync(member.Id, DeviceFlagKind.LotDrift, since, $"lot {record.Lot}", detail, "vigil", "calibration", DriftDetected);
                }
            }
        }
    }
}
