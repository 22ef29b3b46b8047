using Vigil.Domain.Devices;

namespace Vigil.Simulator.Fleet;

/// <summary>
/// Which sensors and which condition the simulated patient numbered <c>i</c> has: every patient
/// wears a CGM, a pulse oximeter and a cuff; one in ten an ECG patch; one in five takes breath
/// tests; one in seven has a respiratory illness.
/// </summary>
public static class FleetComposition
{
    /// <summary>The sensor kinds of patient <paramref name="patient"/>.</summary>
    public static IEnumerable<SensorKind> KindsOf(int patient)
    {
        yield return SensorKind.ContinuousGlucoseMonitor;
        yield return SensorKind.PulseOximeter;
        yield return SensorKind.BloodPressureCuff;
        if (patient % 10 == 1)
        {
            yield return SensorKind.EcgPatch;
        }

        if (patient % 5 == 2)
        {
            yield return SensorKind.BreathAnalysisMask;
        }
    }

    /// <summary>Whether patient <paramref name="patient"/> has a respiratory illness.</summary>
    public static bool IsIll(int patient) => patient % 7 == 3;
}
