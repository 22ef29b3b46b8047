using Vigil.Domain.Devices;
using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;
using Vigil.Protocol;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Replay;
using Vigil.Protocol.Sealing;

namespace Vigil.Cli.Showcase;

/// <summary>
/// The platform side of the showcase, built from a data folder: the ingest key in the key store,
/// the trusted maker CAs, every minted device enrolled, and a replay window per device.
/// </summary>
internal sealed class ShowcasePlatform
{
    private readonly Dictionary<DeviceId, ReplayWindow> _windows = [];

    public ShowcasePlatform(DataFolder folder, TimeProvider time)
    {
        var keys = folder.OpenKeyStore(CliContext.KeyPassphrase);
        using var ingest = folder.IngestCertificate;
        Recipient = RecipientKey.FromCertificate(ingest);
        Directory = new InMemoryDeviceDirectory();
        foreach (var id in folder.MintedDevices())
        {
            Directory.Add(id, DeviceCredentials.LoadCertificate(folder.DeviceFolder(id)));
        }

        Opener = new BatchOpener([new PlatformRecipient(keys, PlatformKeyNames.Ingest, ingest)], Directory, folder.LoadMakerTrust(), time);
    }

    public RecipientKey Recipient { get; }

    public InMemoryDeviceDirectory Directory { get; }

    public BatchOpener Opener { get; }

    /// <summary>Opens a batch and passes it through its device's replay window, as the device actor will.</summary>
    public (string Code, string Detail) Receive(byte[] envelope)
    {
        var result = Opener.Open(envelope);
        if (!result.IsSuccess)
        {
            return (result.Code, result.Detail ?? string.Empty);
        }

        var batch = result.Batch.Content;
        if (!_windows.TryGetValue(batch.DeviceId, out var window))
        {
            _windows[batch.DeviceId] = window = new ReplayWindow();
        }

        var decision = window.Commit(batch.Sequence);
        var summary = $"#{batch.Sequence}: {batch.Readings.Count} readings, {envelope.Length} B";
        return decision switch
        {
            ReplayDecision.Fresh => ("accepted", summary),
            ReplayDecision.Backfill => ("accepted", summary + ", backfill"),
            ReplayDecision.Duplicate => (Outcomes.Replay.Code, $"#{batch.Sequence} already accepted"),
            _ => (Outcomes.Replay.Code, $"#{batch.Sequence} is below the replay window"),
        };
    }
}
