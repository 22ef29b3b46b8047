using System.Security.Cryptography;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Protocol.Sealing;

namespace Vigil.Cli.Showcase;

/// <summary>One simulated device per sensor kind, minted into the data folder on first use.</summary>
internal static class ShowcaseFleet
{
    private static readonly (SensorKind Kind, string Id, string Model)[] Devices =
    [
        (SensorKind.ContinuousGlucoseMonitor, "demo-cgm-001", "VG-CGM"),
        (SensorKind.PulseOximeter, "demo-oxi-001", "VG-OXI"),
        (SensorKind.BloodPressureCuff, "demo-bp-001", "VG-BP"),
        (SensorKind.EcgPatch, "demo-ecg-001", "VG-ECG"),
        (SensorKind.BreathAnalysisMask, "demo-mask-001", "VG-MASK"),
    ];

    /// <summary>Mints whichever showcase devices the folder lacks.</summary>
    public static void EnsureMinted(DataFolder folder, TimeProvider time)
    {
        var now = time.GetUtcNow();
        MakerAuthority? maker = null;
        foreach (var (_, idText, model) in Devices)
        {
            var id = DeviceId.Parse(idText);
            if (!Directory.Exists(folder.DeviceFolder(id)))
            {
                maker ??= folder.LoadDevelopmentMaker(CliContext.KeyPassphrase);
                using var certificate = maker.IssueDevice(id, new DeviceAttributes(model, "DEMO-1", idText[^3..], "1.0.0"), now.AddMinutes(-5), now.AddDays(365));
                DeviceCredentials.Save(folder.DeviceFolder(id), certificate, CliContext.KeyPassphrase);
            }
        }
    }

    /// <summary>Sealers for the showcase devices; their counters persist in the data folder.</summary>
    public static IReadOnlyList<(SensorKind Kind, DeviceSealer Sealer, SoftwareSecureElement Element)> Open(DataFolder folder, RecipientKey recipient, TimeProvider time)
    {
        var firmware = SHA256.HashData("VG firmware 1.0.0"u8);
        return Devices.Select(d =>
        {
            var deviceFolder = folder.DeviceFolder(DeviceId.Parse(d.Id));
            var element = new SoftwareSecureElement(DeviceCredentials.Load(deviceFolder, CliContext.KeyPassphrase), new FileSequenceCounter(Path.Combine(deviceFolder, "counter")));
            return (d.Kind, new DeviceSealer(element, recipient, firmware, time), element);
        }).ToList();
    }
}
