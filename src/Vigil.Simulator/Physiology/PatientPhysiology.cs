namespace Vigil.Simulator.Physiology;

/// <summary>
/// A simulated patient's physiology as smooth functions of time, with sensor-like noise added by
/// the sensors. Glucose follows three meals a day, each answered by an insulin bolus that brings
/// it back down; heart rate follows sleep and bouts of activity; SpO2 sits at a healthy 95-99 %
/// unless the patient has a respiratory illness, which lowers it and raises temperature and
/// respiratory rate; blood pressure has a morning surge. Parameters vary per patient (seeded).
/// </summary>
public sealed class PatientPhysiology
{
    private readonly double _glucoseBaseline;
    private readonly double _mealRise;
    private readonly double _insulinEffect;
    private readonly double _restingHeartRate;
    private readonly double _systolicBaseline;
    private readonly double _illnessSeverity;
    private readonly double[] _activityStarts;
    private readonly TimeSpan _utcOffset;

    /// <summary>Creates a patient; the same seed gives the same patient.</summary>
    public PatientPhysiology(int seed, bool respiratoryIllness = false)
    {
        var random = new Random(seed);
        _glucoseBaseline = 90 + (random.NextDouble() * 30);
        _mealRise = 40 + (random.NextDouble() * 50);
        _insulinEffect = 0.8 + (random.NextDouble() * 0.3);
        _restingHeartRate = 58 + (random.NextDouble() * 20);
        _systolicBaseline = 112 + (random.NextDouble() * 20);
        _illnessSeverity = respiratoryIllness ? 0.5 + (random.NextDouble() * 0.5) : 0;
        _activityStarts = [8 + random.NextDouble(), 13 + random.NextDouble(), 17.5 + random.NextDouble()];
        _utcOffset = TimeSpan.Zero;
        HasRespiratoryIllness = respiratoryIllness;
    }

    /// <summary>Whether the patient has a respiratory illness (for SpO2, temperature and breath tests).</summary>
    public bool HasRespiratoryIllness { get; }

    /// <summary>Interstitial glucose in mg/dL.</summary>
    public double Glucose(DateTimeOffset time)
    {
        var hour = HourOfDay(time);
        double[] meals = [7.5, 12.5, 19];
        var level = _glucoseBaseline + (8 * Math.Sin((hour - 4) / 24 * 2 * Math.PI));
        foreach (var meal in meals)
        {
            var since = HoursSince(hour, meal);
            level += _mealRise * Gamma(since, peak: 0.75, spread: 1.6);
            level -= _mealRise * _insulinEffect * Gamma(since, peak: 1.4, spread: 2.4);
        }

        return Math.Clamp(level, 45, 380);
    }

    /// <summary>Glucose rate of change in mg/dL/min.</summary>
    public double GlucoseTrend(DateTimeOffset time) => (Glucose(time) - Glucose(time.AddMinutes(-5))) / 5;

    /// <summary>Heart rate in beats per minute.</summary>
    public double HeartRate(DateTimeOffset time)
    {
        var hour = HourOfDay(time);
        var asleep = hour < 6 || hour >= 23;
        var rate = _restingHeartRate - (asleep ? 8 : 0);
        foreach (var start in _activityStarts)
        {
            var since = HoursSince(hour, start);
            if (since is >= 0 and < 0.5)
            {
                rate += 35 * Math.Sin(since / 0.5 * Math.PI);
            }
        }

        return rate + (10 * _illnessSeverity);
    }

    /// <summary>Peripheral oxygen saturation in %.</summary>
    public double OxygenSaturation(DateTimeOffset time)
    {
        var hour = HourOfDay(time);
        var healthy = 97.5 - (hour < 6 ? 1 : 0);
        return healthy - (_illnessSeverity * (5 + (1.5 * Math.Sin(hour / 3))));
    }

    /// <summary>Systolic, diastolic and mean arterial pressure in mm[Hg].</summary>
    public (double Systolic, double Diastolic, double Mean) BloodPressure(DateTimeOffset time)
    {
        var hour = HourOfDay(time);
        var surge = 12 * Gamma(HoursSince(hour, 6), peak: 1.5, spread: 3);
        var night = hour < 6 ? -10 : 0;
        var systolic = _systolicBaseline + surge + night;
        var diastolic = (systolic * 0.62) + 4;
        return (systolic, diastolic, diastolic + ((systolic - diastolic) / 3));
    }

    /// <summary>Body temperature in °C.</summary>
    public double BodyTemperature(DateTimeOffset time) => 36.7 + (0.3 * Math.Sin((HourOfDay(time) - 10) / 24 * 2 * Math.PI)) + (1.6 * _illnessSeverity);

    /// <summary>Respiratory rate in breaths per minute.</summary>
    public double RespiratoryRate(DateTimeOffset time) => 14 + (HeartRate(time) - _restingHeartRate) / 8 + (8 * _illnessSeverity);

    private double HourOfDay(DateTimeOffset time) => (time + _utcOffset).TimeOfDay.TotalHours;

    private static double HoursSince(double hour, double eventHour) => (hour - eventHour + 24) % 24;

    /// <summary>A unit-height bump that rises to its peak and decays: the shape of a meal or an insulin action.</summary>
    private static double Gamma(double hours, double peak, double spread) =>
        hours <= 0 || hours > 6 ? 0 : Math.Pow(hours / peak, 2) * Math.Exp(2 * (1 - (hours / peak))) * Math.Exp(-Math.Max(0, hours - peak) / spread);
}
