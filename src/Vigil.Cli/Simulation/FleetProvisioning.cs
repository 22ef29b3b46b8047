using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Platform.Patients;
using Vigil.Platform.Queries;
using Vigil.Platform.Verification;
using Vigil.Protocol.Sealing;
using Vigil.Simulator.Fleet;
using Vigil.Simulator.Physiology;

namespace Vigil.Cli.Simulation;

/// <summary>
/// Creates (once) and loads a simulated fleet in a data folder: per patient a CGM, a pulse
/// oximeter and a blood-pressure cuff, an ECG patch for every tenth patient and a breath mask for
/// every fifth, all from the development maker, enrolled, bound to the patient and to the
/// patient's home hub. Device counters persist in the folder, so a fleet never reuses a sequence
/// number across runs.
/// </summary>
internal static class FleetProvisioning
{
    /// <summary>The firmware version simulated devices run.</summary>
    public const string FirmwareVersion = "1.0.0";

    /// <summary>The digest of the firmware simulated devices run, known good for their models.</summary>
    public static readonly byte[] Firmware = SHA256.HashData("VG firmware 1.0.0"u8);

    /// <summary>The model name of simulated devices of a kind.</summary>
    public static string ModelOf(SensorKind kind) => $"VG-{Short(kind).ToUpperInvariant()}";

    /// <summary>Provisions <paramref name="count"/> simulated patients (those provisioned before are loaded) through the platform's use cases.</summary>
    public static async Task<IReadOnlyList<SimulatedPatient>> ProvisionAsync(
        DataFolder folder, IServiceProvider platform, int count, SimulatedClock clock, TimeProvider time, string? passphrase)
    {
        var now = time.GetUtcNow();
        await AllowFirmwareAsync(platform.GetRequiredService<FirmwareAllowList>());
        var patientsAdmission = platform.GetRequiredService<PatientAdmission>();
        var administration = platform.GetRequiredService<DeviceAdministration>();

        var maker = new Lazy<MakerAuthority>(() => folder.LoadDevelopmentMaker(passphrase));
        var recipient = RecipientKey.FromCertificate(folder.IngestCertificate);
        var patients = new List<SimulatedPatient>();
        for (var i = 1; i <= count; i++)
        {
            var patientId = PatientId.Parse($"sim-p{i:D4}");
            await patientsAdmission.AdmitAsync(patientId, $"Simulated patient {i:D4}");
            var relayId = $"sim-hub-{i:D4}";
            var relayCertificate = await RelayAsync(folder, platform, relayId, now, passphrase);
            var physiology = new PatientPhysiology(i, respiratoryIllness: FleetComposition.IsIll(i));
            var sensors = new PatientSensors(physiology, new Random(i));
            var devices = new List<SimulatedDevice>();
            foreach (var kind in FleetComposition.KindsOf(i))
            {
                var id = DeviceId.Parse($"sim-{Short(kind)}-{i:D4}");
                var certificate = await DeviceAsync(folder, platform, maker, id, kind, now, passphrase);
                await administration.BindToPatientAsync(id, patientId);
                await administration.BindToRelayAsync(id, RelayId.Parse(relayId));
                var element = new SoftwareSecureElement(certificate, new FileSequenceCounter(Path.Combine(folder.DeviceFolder(id), "counter")));
                var sealer = new DeviceSealer(element, recipient, Firmware, clock, notBefore: clock.DeviceFloor);
                var offset = TimeSpan.FromTicks((long)(PatientSensors.Cadence(kind).Ticks * (i % 17 / 17.0)));
                devices.Add(new SimulatedDevice(id, kind, sealer, sensors, clock.GetUtcNow() + offset));
            }

            patients.Add(new SimulatedPatient(patientId.Value, devices, new SimulatedRelay(relayId, relayCertificate, i)));
        }

        return patients;
    }

    /// <summary>Lists the simulated devices' firmware as known good for every simulated model.</summary>
    public static async Task AllowFirmwareAsync(FirmwareAllowList firmware)
    {
        ArgumentNullException.ThrowIfNull(firmware);
        foreach (var model in Enum.GetValues<SensorKind>().Select(ModelOf))
        {
            await firmware.AllowAsync(model, Firmware, FirmwareVersion);
        }
    }

    /// <summary>The short name of a kind in simulated device ids.</summary>
    public static string Short(SensorKind kind) => kind switch
    {
        SensorKind.ContinuousGlucoseMonitor => "cgm",
        SensorKind.PulseOximeter => "oxi",
        SensorKind.BloodPressureCuff => "bp",
        SensorKind.EcgPatch => "ecg",
        _ => "mask",
    };

    private static async Task<X509Certificate2> DeviceAsync(DataFolder folder, IServiceProvider platform, Lazy<MakerAuthority> maker, DeviceId id, SensorKind kind, DateTimeOffset now, string? passphrase)
    {
        var path = folder.DeviceFolder(id);
        if (!Directory.Exists(path))
        {
            using var issued = maker.Value.IssueDevice(id, new DeviceAttributes(ModelOf(kind), "SIM-1", id.Value[^4..], FirmwareVersion), now.AddMinutes(-5), now.AddDays(365));
            DeviceCredentials.Save(path, issued, passphrase);
        }

        var certificate = DeviceCredentials.Load(path, passphrase);
        if (await platform.GetRequiredService<FleetViews>().FindDeviceAsync(id) is null)
        {
            await platform.GetRequiredService<DeviceEnrollment>().EnrollAsync(certificate);
        }

        return certificate;
    }

    /// <summary>A relay's client certificate with its key, issued (once) from the platform CA and added to the registry.</summary>
    public static async Task<X509Certificate2> RelayAsync(DataFolder folder, IServiceProvider platform, string relayId, DateTimeOffset now, string? passphrase)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(platform);
        var path = folder.RelayFolder(relayId);
        if (!Directory.Exists(path))
        {
            using var ca = folder.PlatformCaCertificate;
            using var keys = folder.OpenKeyStore(passphrase);
            RelayCredentials.Issue(path, keys, ca, relayId, now, passphrase).Dispose();
        }

        var certificate = RelayCredentials.Load(path, passphrase);
        if (await platform.GetRequiredService<FleetViews>().FindRelayAsync(RelayId.Parse(relayId)) is null)
        {
            await platform.GetRequiredService<DeviceAdministration>().AddRelayAsync(RelayId.Parse(relayId), certificate);
        }

        return certificate;
    }
}
