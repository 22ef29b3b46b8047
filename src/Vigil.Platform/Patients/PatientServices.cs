using System.Diagnostics.Metrics;
using Vigil.Platform.Verification;
using Vigil.Record.Clinical;
using Vigil.Record.Readings;

namespace Vigil.Platform.Patients;

/// <summary>What every patient actor needs, shared.</summary>
public sealed class PatientServices
{
    /// <summary>Gathers the services.</summary>
    public PatientServices(IReadingStore readings, IClinicalStore clinical, CalibrationService calibrations, TimeProvider time, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Readings = readings;
        Clinical = clinical;
        Calibrations = calibrations;
        Time = time;
        AlertsRaised = meters.Create(VigilMetrics.MeterName).CreateCounter<long>("vigil.alerts.raised", description: "Alerts raised, by rule and integrity.");
    }

    /// <summary>Stored readings.</summary>
    public IReadingStore Readings { get; }

    /// <summary>Alerts and thresholds.</summary>
    public IClinicalStore Clinical { get; }

    /// <summary>Reference measurements and drift.</summary>
    public CalibrationService Calibrations { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    internal Counter<long> AlertsRaised { get; }
}
