using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Cli.Simulation;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Security;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Platform.Patients;
using Vigil.Platform.Verification;
using Vigil.Protocol.Sealing;
using Vigil.Record;
using Vigil.Record.Events;
using Vigil.Record.Readings;
using Vigil.Simulator.Attacks;

namespace Vigil.Cli.Attacks;

/// <summary>
/// A running Vigil on this machine as the attack lab's target: the operator's side goes through
/// the platform's use cases over the data folder's record (the server's own, or a session's as
/// the other CLI verbs have beside a server, which picks registry changes up within its recheck
/// interval); the attacks themselves go over MQTT/TLS only.
/// </summary>
internal sealed class RecordAttackTarget : IAttackTarget
{
    private readonly DataFolder _folder;
    private readonly IServiceProvider _platform;
    private readonly RecordStore _record;
    private readonly TimeProvider _time;
    private readonly RecipientKey _recipient;
    private readonly Lazy<MakerAuthority> _maker;
    private readonly string? _passphrase;

    private RecordAttackTarget(DataFolder folder, IServiceProvider platform, string host, int mqttPort, TimeProvider time, string? passphrase)
    {
        _folder = folder;
        _platform = platform;
        _record = platform.GetRequiredService<RecordStore>();
        _time = time;
        Host = host;
        MqttPort = mqttPort;
        PlatformCa = folder.PlatformCaCertificate;
        using var ingest = folder.IngestCertificate;
        _recipient = RecipientKey.FromCertificate(ingest);
        _maker = new Lazy<MakerAuthority>(() => folder.LoadDevelopmentMaker(passphrase));
        _passphrase = passphrase;
    }

    /// <summary>A target on the platform's record, whose lab devices' firmware is known good.</summary>
    public static async Task<RecordAttackTarget> CreateAsync(DataFolder folder, IServiceProvider platform, string host, int mqttPort, TimeProvider time, string? passphrase)
    {
        await FleetProvisioning.AllowFirmwareAsync(platform.GetRequiredService<FirmwareAllowList>());
        return new RecordAttackTarget(folder, platform, host, mqttPort, time, passphrase);
    }

    public string Host { get; }

    public int MqttPort { get; }

    public X509Certificate2 PlatformCa { get; }

    public RecipientKey Recipient => _recipient;

    public async Task<LabPatient> AdmitAsync(string name, IReadOnlyList<LabDeviceRequest> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var now = _time.GetUtcNow();
        var patientId = PatientId.Parse($"lab-{name}");
        await _platform.GetRequiredService<PatientAdmission>().AdmitAsync(patientId, $"Attack lab patient {name}");
        var relayId = $"lab-hub-{name}";
        var relay = await FleetProvisioning.RelayAsync(_folder, _platform, relayId, now, _passphrase);
        var administration = _platform.GetRequiredService<DeviceAdministration>();
        var lab = new List<LabDevice>();
        foreach (var request in devices)
        {
            var id = DeviceId.Parse($"lab-{name}-{FleetProvisioning.Short(request.Kind)}");
            var certificate = _maker.Value.IssueDevice(
                id, new DeviceAttributes(FleetProvisioning.ModelOf(request.Kind), request.Lot, id.Value[^6..], FleetProvisioning.FirmwareVersion),
                now.AddDays(-1), now.AddDays(30));
            if ((await _platform.GetRequiredService<DeviceEnrollment>().EnrollAsync(certificate)).Refusal is { } refusal)
            {
                throw new AttackSetupException($"could not enroll {id}: {refusal.Message}");
            }

            await administration.BindToPatientAsync(id, patientId);
            await administration.BindToRelayAsync(id, RelayId.Parse(relayId));
            var clock = new LabClock(request.ClockStart);
            lab.Add(new LabDevice(id, request.Kind, certificate, Sealer(certificate, 1, clock), clock));
        }

        return new LabPatient(patientId.Value, relay, lab);
    }

    public DeviceSealer Clone(LabDevice device, ulong nextSequence)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Sealer(device.Certificate, nextSequence, device.Clock);
    }

    public DeviceSealer Restart(LabDevice device, ulong nextSequence, DateTimeOffset notBefore)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Sealer(device.Certificate, nextSequence, device.Clock, notBefore);
    }

    // The status and the care team's notice only: an administrator's revocation also records a
    // device-revoked event, the code of the refusals the T20 scenario counts as its evidence.
    public async Task RevokeAsync(DeviceId device, string reason)
    {
        await _record.Registry.SetDeviceStatusAsync(device, DeviceStatus.Revoked, reason, _time.GetUtcNow());
        await _platform.GetRequiredService<TrustResponse>().NotifyAsync(device, "revoked", reason);
    }

    public Task FingerstickAsync(string patientId, DateTimeOffset at, double glucose) =>
        _platform.GetRequiredService<CalibrationService>().AddAsync(PatientId.Parse(patientId), at, glucose, "attack lab nurse", _time.GetUtcNow());

    public TimeProvider Time => _time;

    public async Task<AttackEvidence> ObserveAsync(DeviceId device, string patientId, DateTimeOffset since)
    {
        var enrolled = await _record.Registry.FindDeviceAsync(device);
        var lot = enrolled is null ? null : Incident.LotSubject(enrolled.Model, enrolled.Lot);
        return new(
            enrolled?.Status ?? DeviceStatus.Active,
            [.. (await _record.Readings.QueryAsync(new ReadingQuery { DeviceId = device })).OrderBy(r => r.At)
                .Select(r => new ObservedVerdict(r.At, r.Values[0], r.Verdict.Status, r.Verdict.Reasons))],
            [.. (await _record.Events.ListAsync(new EventQuery(DeviceId: device.Value, Since: since, Limit: 1000))).Select(e => e.Code)],
            [.. (await _record.Trust.IncidentsAsync(device)).Concat((await _record.Trust.IncidentsAsync()).Where(i => i.DeviceId is null && lot is not null && i.Subject == lot)).Select(i => i.Kind.Code())],
            [.. (await _record.Trust.FlagsAsync(device)).Select(f => f.Reason)],
            [.. (await _record.Clinical.AlertsAsync(PatientId.Parse(patientId))).Select(a => new ObservedAlert(a.Rule, a.Integrity, a.Unconfirmed, a.Reasons))]);
    }

    private DeviceSealer Sealer(X509Certificate2 certificate, ulong next, LabClock clock, DateTimeOffset? notBefore = null) =>
        new(new SoftwareSecureElement(certificate, new MemorySequenceCounter(next)), _recipient, FleetProvisioning.Firmware, clock, notBefore: notBefore);
}
