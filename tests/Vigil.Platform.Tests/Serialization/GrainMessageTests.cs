using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Platform.Patients;

namespace Vigil.Platform.Tests.Serialization;

/// <summary>
/// What the device actor sends the patient actor crosses Orleans as the domain's types: the
/// device as a <see cref="DeviceId"/> and each verdict as a <see cref="Verdict"/>, through
/// surrogates, as it would between two silos.
/// </summary>
public sealed class GrainMessageTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(PatientObservation).Assembly))
        .BuildServiceProvider();

    public static TheoryData<string[]> Verdicts => new()
    {
        Array.Empty<string>(),
        new[] { ReasonCodes.Flatline },
        new[] { ReasonCodes.Recall, ReasonCodes.Flatline, ReasonCodes.LotDrift },
        new[] { ReasonCodes.Impossible, ReasonCodes.Noise },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void PatientObservation_RoundTrip_KeepsTheDeviceAndEachVerdict(string[] reasons)
    {
        var verdict = Verdict.Of(reasons);
        var sent = new PatientObservation(DeviceId.Parse("cgm-7.a"), 42, [
            new ObservedReading(0, MeasurementKind.Glucose, At, [61], "mg/dL", ReadingFlags.None, null, verdict),
            new ObservedReading(1, MeasurementKind.Glucose, At.AddMinutes(5), [58], "mg/dL", ReadingFlags.Calibration, null, Verdict.Verified),
        ]);
        var serializer = _services.GetRequiredService<Serializer>();

        var received = serializer.Deserialize<PatientObservation>(serializer.SerializeToArray(sent));

        Assert.NotNull(received);
        Assert.Equal(DeviceId.Parse("cgm-7.a"), received.DeviceId);
        Assert.Equal(42UL, received.Sequence);
        Assert.Equal([verdict, Verdict.Verified], received.Readings.Select(r => r.Verdict));
        Assert.Equal(verdict.Status, received.Readings[0].Verdict.Status);
        Assert.Equal(verdict.Reasons, received.Readings[0].Verdict.Reasons);
        Assert.Equal([61.0], received.Readings[0].Values);
        Assert.Equal(ReadingFlags.Calibration, received.Readings[1].Flags);
    }

    [Fact]
    public void Verdict_RoundTrip_RebuildsItsStatusFromItsReasons()
    {
        var serializer = _services.GetRequiredService<Serializer>();

        var received = serializer.Deserialize<Verdict>(serializer.SerializeToArray(Verdict.Of([ReasonCodes.SensorError, ReasonCodes.Artifact])));

        Assert.NotNull(received);
        Assert.Equal(VerdictStatus.Rejected, received.Status);
        Assert.Equal([ReasonCodes.Artifact, ReasonCodes.SensorError], received.Reasons);
    }

    public void Dispose() => _services.Dispose();
}
