using System.Security.Cryptography;
using Vigil.Domain.Devices;
using Vigil.Platform.Ingest;
using Vigil.Protocol;
using Vigil.Protocol.Receipts;
using Vigil.Protocol.Replay;
using Vigil.Record.Batches;

namespace Vigil.Platform.Devices;

/// <summary>
/// The ingest work of one device, for its actor: refuse a revoked device, open the batch, check
/// it names this device, pass it through the replay window, commit it with the window in one
/// durable transaction, and only then answer with a signed receipt. Calls must not overlap.
/// </summary>
public sealed class DeviceIngest
{
    private readonly DeviceId _device;
    private readonly IngestServices _services;
    private ReplayWindow? _window;

    /// <summary>Creates the ingest of one device.</summary>
    public DeviceIngest(DeviceId device, IngestServices services)
    {
        _device = device;
        _services = services;
    }

    /// <summary>Handles one sealed batch.</summary>
    public async Task<IngestResult> IngestAsync(IngestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = _services.Registry.Device(_device);
        if (record is null)
        {
            return Refuse(request, OpenFailure.UnknownDevice.ToCode(), "device is not enrolled");
        }

        if (record.Status == DeviceStatus.Revoked)
        {
            return Refuse(request, IngestCodes.DeviceRevoked, $"device was revoked: {record.StatusReason}");
        }

        var opened = _services.Opener.Open(request.Envelope);
        if (!opened.IsSuccess)
        {
            return Refuse(request, opened.Code, opened.Detail ?? opened.Code);
        }

        var batch = opened.Batch;
        var sequence = batch.Content.Sequence;
        if (batch.Content.DeviceId != _device)
        {
            return Refuse(request, IngestCodes.TopicMismatch, $"batch of {batch.Content.DeviceId} sent as {_device}", sequence);
        }

        var digest = SHA256.HashData(request.Envelope);
        var window = _window ??= LoadWindow();
        var decision = window.Check(sequence);
        // The window answers fresh numbers alone; for a number it has seen, or can no longer
        // remember, the record decides, since it holds every accepted (device, sequence) once.
        if (decision is ReplayDecision.Duplicate or ReplayDecision.BelowWindow
            && _services.Batches.FindBatch(_device, sequence) is { } stored)
        {
            return Repeat(request, sequence, digest, stored);
        }

        window.Commit(sequence);
        var now = _services.Time.GetUtcNow();
        var accepted = new AcceptedBatch(
            _device, sequence, batch.Content.Created, now, request.Principal, batch.Header.SessionId,
            batch.Content.FirmwareDigest.ToArray(), digest, batch.SignedBatch, batch.Content.Readings.Count,
            record.Status == DeviceStatus.Quarantined, window.ToBytes());
        CommitOutcome outcome;
        try
        {
            outcome = await _services.Batches.CommitAsync(accepted);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The in-memory window may now hold this number; reload it from the record, which did not change.
            _window = null;
            _services.Refused.Add(1, new KeyValuePair<string, object?>("code", IngestCodes.StoreUnavailable));
            return IngestResult.Refused(IngestCodes.StoreUnavailable, "the record could not commit; retry later", sequence);
        }

        if (outcome == CommitOutcome.AlreadyStored)
        {
            return Repeat(request, sequence, digest, _services.Batches.FindBatch(_device, sequence)!);
        }

        _services.BatchesStored.Add(1);
        _services.ReadingsStored.Add(batch.Content.Readings.Count);
        var receipt = _services.Receipts.Sign(new Receipt(_device, sequence, now, digest, IngestCodes.Stored));
        return new IngestResult(IngestCodes.Stored, sequence, receipt, record.Status == DeviceStatus.Quarantined ? "stored; device is quarantined" : "stored");
    }

    private IngestResult Repeat(IngestRequest request, ulong sequence, byte[] digest, StoredBatch stored)
    {
        if (!CryptographicOperations.FixedTimeEquals(digest, stored.EnvelopeDigest))
        {
            return Refuse(request, IngestCodes.Replay, $"sequence number {sequence} was already used by a different batch", sequence);
        }

        _services.Events.Raise(IngestCodes.Replay, request.Principal, request.Source, _device.Value, $"batch {sequence} sent again; stored once, acknowledged again");
        var receipt = _services.Receipts.Sign(new Receipt(_device, sequence, stored.ReceivedAt, digest, IngestCodes.Duplicate));
        return new IngestResult(IngestCodes.Duplicate, sequence, receipt, "already stored");
    }

    private IngestResult Refuse(IngestRequest request, string code, string detail, ulong sequence = 0)
    {
        _services.Refused.Add(1, new KeyValuePair<string, object?>("code", code));
        _services.Events.Raise(code, request.Principal, request.Source, _device.Value, detail);
        return IngestResult.Refused(code, detail, sequence);
    }

    private ReplayWindow LoadWindow() =>
        _services.Batches.LoadReplayWindow(_device) is { } bytes && ReplayWindow.FromBytes(bytes) is { } window ? window : new ReplayWindow();
}
