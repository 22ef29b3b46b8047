using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;

namespace Vigil.Record.Clinical;

/// <summary>Alerts, the actions taken on them, reference measurements and patients' thresholds.</summary>
public interface IClinicalStore
{
    /// <summary>The alert of this rule on this patient that is not yet escalated or dismissed, if any.</summary>
    Task<Alert?> OpenAlertAsync(PatientId patientId, string rule, CancellationToken cancellationToken = default);

    /// <summary>Stores a new alert and returns its number.</summary>
    Task<long> RaiseAlertAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>Counts one more occurrence of an open alert, lowering its integrity if the new data is worse.</summary>
    Task AddOccurrenceAsync(long id, DateTimeOffset readingAt, double value, VerdictStatus integrity, IReadOnlyList<string> reasons, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>An alert, or null.</summary>
    Task<Alert?> FindAlertAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Alerts newest first: of one patient if given, only those not escalated or dismissed if asked.</summary>
    Task<IReadOnlyList<Alert>> AlertsAsync(PatientId? patientId = null, bool activeOnly = false, int limit = 500, CancellationToken cancellationToken = default);

    /// <summary>Moves an alert to a new status and records who did it; false if it changed meanwhile.</summary>
    Task<bool> ActAsync(long id, AlertStatus from, AlertStatus to, AlertActionRecord action, CancellationToken cancellationToken = default);

    /// <summary>What was done with an alert, oldest first.</summary>
    Task<IReadOnlyList<AlertActionRecord>> ActionsAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Stores a reference measurement and returns its number.</summary>
    Task<long> AddCalibrationAsync(Calibration calibration, CancellationToken cancellationToken = default);

    /// <summary>Reference measurements paired with CGMs, of a patient, a device, or devices of a lot.</summary>
    Task<IReadOnlyList<Calibration>> CalibrationsAsync(PatientId? patientId = null, DeviceId? deviceId = null, string? model = null, string? lot = null, CancellationToken cancellationToken = default);

    /// <summary>A patient's thresholds (the defaults unless set).</summary>
    Task<ClinicalThresholds> ThresholdsAsync(PatientId patientId, CancellationToken cancellationToken = default);

    /// <summary>Sets a patient's thresholds.</summary>
    Task SetThresholdsAsync(PatientId patientId, ClinicalThresholds thresholds, CancellationToken cancellationToken = default);
}
