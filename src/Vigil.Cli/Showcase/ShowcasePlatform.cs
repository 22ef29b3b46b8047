using Vigil.Identity.Keys;
using Vigil.Identity.Provisioning;
using Vigil.Platform.Devices;
using Vigil.Protocol;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Replay;
using Vigil.Protocol.Sealing;

namespace Vigil.Cli.Showcase;

/// <summary>
/// The platform side of the showcase, built from a data folder: the ingest key in the key store,
/// the trusted maker CAs, every minted device enrolled, and the platform's ingest for a platform
/// that keeps no record (<see cref="RecordlessIngest"/>): the batch opened, then the device's
/// replay decision, as the device actor takes it. It owns the key store it opens.
/// </summary>
internal sealed class ShowcasePlatform : IDisposable
{
    private readonly RecordlessIngest _ingest;
    private readonly IKeyStore _keys;

    public ShowcasePlatform(DataFolder folder, TimeProvider time)
    {
        var keys = _keys = folder.OpenKeyStore(CliContext.KeyPassphrase);
        using var ingest = folder.IngestCertificate;
        Recipient = RecipientKey.FromCertificate(ingest);
        Directory = new InMemoryDeviceDirectory();
        foreach (var id in folder.MintedDevices())
        {
            Directory.Add(id, DeviceCredentials.LoadCertificate(folder.DeviceFolder(id)));
        }

        _ingest = new RecordlessIngest(new BatchOpener([new PlatformRecipient(keys, PlatformKeyNames.Ingest, ingest)], Directory, folder.LoadMakerTrust(), time));
    }

    public RecipientKey Recipient { get; }

    public InMemoryDeviceDirectory Directory { get; }

    public void Dispose() => _keys.Dispose();

    /// <summary>Opens a batch and takes its device's replay decision.</summary>
    public (string Code, string Detail) Receive(byte[] envelope)
    {
        var (opened, decision) = _ingest.Receive(envelope);
        if (!opened.IsSuccess)
        {
            return (opened.Code, opened.Detail ?? string.Empty);
        }

        var batch = opened.Batch.Content;
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
