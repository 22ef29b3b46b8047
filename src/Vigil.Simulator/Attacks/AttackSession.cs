using System.Diagnostics;
using Vigil.Device.Sealing;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Protocol;
using Vigil.Simulator.Transport;

namespace Vigil.Simulator.Attacks;

/// <summary>
/// The means of one scenario run: the target, MQTT connections as a relay or as a device, and a
/// bounded wait for evidence. Time to detect runs from <see cref="BeginAttack"/>.
/// </summary>
public sealed class AttackSession(IAttackTarget target, TimeSpan bound, CancellationToken cancellationToken) : IAsyncDisposable
{
    // How long the lab allows a server to see what it enrolled beside it (seconds).
    private const long RegistryLag = 5;

    private readonly List<MqttSender> _senders = [];
    private readonly DateTimeOffset _started = target.Time.GetUtcNow();
    private long _attackStarted = Stopwatch.GetTimestamp();

    /// <summary>The platform under attack.</summary>
    public IAttackTarget Target => target;

    /// <summary>The platform's time now.</summary>
    public DateTimeOffset Now => target.Time.GetUtcNow();

    /// <summary>Cancels the run.</summary>
    public CancellationToken Cancellation => cancellationToken;

    /// <summary>A short id that keeps one run's patients and devices apart from every other's.</summary>
    public string RunId { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));

    /// <summary>Admits a patient whose devices' clocks start at the same instant.</summary>
    public async Task<LabPatient> AdmitAsync(string scenario, DateTimeOffset clockStart, string lot, params SensorKind[] kinds) =>
        await target.AdmitAsync($"{scenario}-{RunId}", [.. kinds.Select(k => new LabDeviceRequest(k, lot, clockStart))]);

    /// <summary>Admits a patient with one CGM whose clock starts at <paramref name="clockStart"/>, and connects as the patient's home hub.</summary>
    public async Task<(LabPatient Patient, LabDevice Cgm, MqttSender Hub)> AdmitCgmAsync(string scenario, DateTimeOffset clockStart)
    {
        var patient = await AdmitAsync(scenario, clockStart, "LAB-1", SensorKind.ContinuousGlucoseMonitor);
        return (patient, patient.Device(SensorKind.ContinuousGlucoseMonitor), await RelayAsync(patient));
    }

    /// <summary>Connects as a patient's home hub.</summary>
    public Task<MqttSender> RelayAsync(LabPatient patient) => ConnectAsync(patient.Relay);

    /// <summary>Connects with a device's own certificate; throws with the refusal if the platform refuses.</summary>
    public Task<MqttSender> DirectAsync(LabDevice device) => ConnectAsync(device.Certificate);

    /// <summary>Connects with a certificate; the refusal code if the platform refuses, else null (and the connection is kept).</summary>
    public async Task<(MqttSender? Sender, string Refusal)> TryConnectAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var (sender, refusal) = await MqttSender.ConnectAsync(target.Host, target.MqttPort, certificate, target.PlatformCa, cancellationToken);
        if (sender is not null)
        {
            _senders.Add(sender);
        }

        return (sender, refusal);
    }

    /// <summary>Seals readings as a device's next batch at its clock's time, and sends it; the platform must take it.</summary>
    public async Task<SealedBatch> SendGenuineAsync(MqttSender sender, LabDevice device, params Reading[] readings)
    {
        var batch = device.Sealer.Seal(readings);
        var deadline = Stopwatch.GetTimestamp() + (RegistryLag * Stopwatch.Frequency);
        while (true)
        {
            var delivery = await sender.SendAsync(device.Id, batch.Envelope, cancellationToken);
            if (delivery.Acknowledged)
            {
                return batch;
            }

            // A refused batch is not stored, so the same bytes may go again once the server has
            // seen the device's enrolment and bindings (within its registry recheck interval).
            if ((delivery.Code != Outcomes.TopicDenied.Code && delivery.Code != Outcomes.UnknownDevice.Code) || Stopwatch.GetTimestamp() > deadline)
            {
                throw new AttackSetupException($"the platform refused a genuine batch of {device.Id}: {delivery.Code}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>A CGM's genuine readings, one batch every five minutes of its clock.</summary>
    public async Task SendGlucoseHistoryAsync(MqttSender sender, LabDevice device, IEnumerable<double> values)
    {
        foreach (var value in values)
        {
            await SendGenuineAsync(sender, device, Glucose(device.Clock.GetUtcNow(), value));
            device.Clock.Advance(TimeSpan.FromMinutes(5));
        }
    }

    /// <summary>Marks the first hostile message: time to detect is counted from here.</summary>
    public void BeginAttack() => _attackStarted = Stopwatch.GetTimestamp();

    /// <summary>
    /// Polls what Vigil holds about a device and its patient until <paramref name="evidence"/>
    /// names what it found, or the bound runs out.
    /// </summary>
    public async Task<AttackOutcome> DetectAsync(AttackScenario scenario, LabDevice device, LabPatient patient, Func<AttackEvidence, string?> evidence, string missing)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(evidence);
        var deadline = Stopwatch.GetTimestamp() + (long)(bound.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var seen = evidence(await target.ObserveAsync(device.Id, patient.PatientId, _started));
            if (seen is not null)
            {
                return new AttackOutcome(scenario.Id, scenario.Title, true, Stopwatch.GetElapsedTime(_attackStarted), seen);
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                return new AttackOutcome(scenario.Id, scenario.Title, false, null, $"not detected within {bound.TotalSeconds:0} s: {missing}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Repeats an attempt until it returns what it achieved, or the bound runs out (then null).</summary>
    public async Task<string?> RepeatUntilAsync(Func<Task<string?>> attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var deadline = Stopwatch.GetTimestamp() + (long)(bound.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (await attempt() is { } achieved)
            {
                return achieved;
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>A glucose reading.</summary>
    public static Reading Glucose(DateTimeOffset at, double value) => Reading.Single(MeasurementKind.Glucose, at, value, "mg/dL");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders)
        {
            await sender.DisposeAsync();
        }
    }

    private async Task<MqttSender> ConnectAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        // A server sees registry changes made beside it within its recheck interval; until then
        // a newly enrolled principal is still unknown to it.
        var (sender, refusal) = (default(MqttSender), string.Empty);
        var deadline = Stopwatch.GetTimestamp() + (RegistryLag * Stopwatch.Frequency);
        while (true)
        {
            (sender, refusal) = await TryConnectAsync(certificate);
            if (sender is not null || Stopwatch.GetTimestamp() > deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        return sender ?? throw new AttackSetupException($"the platform refused the connection of {certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false)}: {refusal}");
    }
}
