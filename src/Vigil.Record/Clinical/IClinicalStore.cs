using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Verification;

namespace Vigil.Record.Clinical;

/// <summary>Alerts, the actions taken on them, reference measurements and patients' thresholds.</summary>
public interface IClinicalStore
{
    /// <summary>The alert of this rule on this patient that is not yet escalated or dismissed, if any.</summary>
    AlertRecord? OpenAlert(string patientId, string rule);

    /// <summary>Stores a new alert and returns its number.</summary>
    long RaiseAlert(AlertRecord alert);

    /// <summary>Counts one more occurrence of an open alert, lowering its integrity if the new data is worse.</summary>
    void AddOccurrence(long id, DateTimeOffset readingAt, double value, VerdictStatus integrity, IReadOnlyList<string> reasons, DateTimeOffset at);

    /// <summary>An alert, or null.</summary>
    AlertRecord? FindAlert(long id);

    /// <summary>Alerts newest first: of one patient if given, only those not escalated or dismissed if asked.</summary>
    IReadOnlyList<AlertRecord> Alerts(string? patientId = null, bool activeOnly = false, int limit = 500);

    /// <summary>Moves an alert to a new status and records who did it; false if it changed meanwhile.</summary>
    bool Act(long id, AlertStatus from, AlertStatus to, AlertActionRecord action);

    /// <summary>What was done with an alert, oldest first.</summary>
    IReadOnlyList<AlertActionRecord> Actions(long id);

    /// <summary>Stores a reference measurement and returns its number.</summary>
    long AddCalibration(Calibration calibration);

    /// <summary>Reference measurements paired with CGMs, of a patient, a device, or devices of a lot.</summary>
    IReadOnlyList<Calibration> Calibrations(string? patientId = null, DeviceId? deviceId = null, string? model = null, string? lot = null);

    /// <summary>A patient's thresholds (the defaults unless set).</summary>
    ClinicalThresholds Thresholds(string patientId);

    /// <summary>Sets a patient's thresholds.</summary>
    void SetThresholds(string patientId, ClinicalThresholds thresholds);
}
