using System.Buffers.Binary;
using System.Security.Cryptography;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;
using Vigil.Platform.Ingest;
using Vigil.Platform.Patients;
using Vigil.Platform.Verification;
using Vigil.Protocol;
using Vigil.Protocol.Opening;
using Vigil.Protocol.Receipts;
using Vigil.Record.Batches;
using Vigil.Record.Readings;
using Vigil.Record.Registry;

namespace Vigil.Platform.Devices;

/// <summary>
/// The ingest work of one device, for its actor: refuse a revoked device, authenticate the batch,
/// check it names this device, recognise signed content already stored (in whatever envelope it
/// comes: a replay), check its session, pass it through the replay window, look for clone evidence
/// in what the device signed, give every reading a verdict, commit the batch and its readings in
/// one durable transaction, and only then answer with a signed receipt and hand the readings to
/// the patient's actor. Calls must not overlap.
/// </summary>
internal sealed class DeviceIngest
{
    private const int PrimeReadings = 600;
    private readonly DeviceId _device;
    private readonly IngestServices _services;
    private readonly DeviceAlarms _alarms;
    private ReplayGuard? _replay;
    private SessionHistory? _sessions;
    private ReadingVerifier? _verifier;

    /// <summary>Creates the ingest of one device.</summary>
    public DeviceIngest(DeviceId device, IngestServices services)
    {
        _device = device;
        _services = services;
        _alarms = new DeviceAlarms(device, services);
    }

    /// <summary>Handles one sealed batch.</summary>
    public async Task<IngestResult> IngestAsync(IngestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = _services.Registry.Device(_device);
        if (record is null)
        {
            return Refuse(request, Outcomes.UnknownDevice.Code, "device is not enrolled");
        }

        if (record.Status == DeviceStatus.Revoked)
        {
            return Refuse(request, Outcomes.DeviceRevoked.Code, $"device was revoked: {record.StatusReason}");
        }

        var opened = _services.Opener.Authenticate(request.Envelope);
        if (!opened.IsSuccess)
        {
            return Refuse(request, opened.Code, opened.Detail ?? opened.Code);
        }

        var batch = opened.Batch;
        var sequence = batch.Content.Sequence;
        if (batch.Content.DeviceId != _device)
        {
            return Refuse(request, Outcomes.TopicMismatch.Code, $"batch of {batch.Content.DeviceId} sent as {_device}", sequence);
        }

        var digest = SHA256.HashData(request.Envelope);
        var replay = _replay ??= await ReplayGuard.LoadAsync(_device, _services.Batches);
        // The window answers fresh numbers alone; for a number it has seen, or can no longer
        // remember, the record decides, since it holds every accepted (device, sequence) once.
        if (ReplayGuard.RecordDecides(replay.Check(sequence))
            && await _services.Batches.FindBatchAsync(_device, sequence) is { } stored)
        {
            return await RepeatAsync(request, batch, digest, stored);
        }

        var session = _services.Opener.CheckSession(batch);
        if (!session.IsSuccess)
        {
            return Refuse(request, session.Code, session.Detail ?? session.Code, sequence);
        }

        var now = _services.Time.GetUtcNow();
        var sessions = _sessions ??= new SessionHistory(await _services.Batches.SessionsAsync(_device));
        var sessionId = BinaryPrimitives.ReadUInt128BigEndian(batch.Signature.SessionId);
        var sessionStart = DateTimeOffset.FromUnixTimeSeconds(batch.Signature.SessionStart);
        if (sessions.Check(sessionId, sessionStart, sequence, batch.Content.Created) is { } clone)
        {
            await _services.Trust.CloneAsync(_device, clone.Since, request.Principal, request.Source, $"{_device}: {clone.Detail} ({clone.Rule})");
            await _services.Registry.InvalidateAsync();
            record = _services.Registry.Device(_device) ?? record;
        }

        var verify = _services.Options.Verification;
        var verification = verify ? await VerifyAsync(record, batch.Content, sessionId, now) : NotVerified(batch.Content);
        replay.Commit(sequence);
        var readings = Stored(record, batch.Content, verification, now);
        var accepted = new AcceptedBatch(
            _device, sequence, batch.Content.Created, now, request.Principal, batch.Header.SessionId,
            batch.Content.FirmwareDigest.ToArray(), digest, batch.SignedBatch, batch.Content.Readings.Count,
            record.Status == DeviceStatus.Quarantined, readings, record.PatientId, batch.Signature.SessionStart);
        CommitOutcome outcome;
        try
        {
            outcome = await _services.Batches.CommitAsync(accepted);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The window and the sensors' history may now hold this batch; rebuild them from the record, which did not change.
            _replay = null;
            _verifier = null;
            _sessions = null;
            _services.Refused.Add(1, new KeyValuePair<string, object?>("code", Outcomes.StoreUnavailable.Code));
            return IngestResult.Refused(Outcomes.StoreUnavailable.Code, "the record could not commit; retry later", sequence);
        }

        if (outcome == CommitOutcome.AlreadyStored)
        {
            return await RepeatAsync(request, batch, digest, (await _services.Batches.FindBatchAsync(_device, sequence))!);
        }

        sessions.Add(sessionId, sessionStart, sequence, batch.Content.Created);

        _services.BatchesStored.Add(1);
        _services.ReadingsStored.Add(batch.Content.Readings.Count);
        var receipt = _services.Receipts.Sign(new Receipt(_device, sequence, now, digest, Outcomes.Stored.Code));
        if (!verify)
        {
            return new IngestResult(Outcomes.Stored.Code, sequence, receipt, "stored; not verified");
        }

        await _alarms.AfterAsync(record, request, verification);
        if (record.PatientId is { } patient)
        {
            await _services.Patients.ObserveAsync(patient, new PatientObservation(
                _device, sequence, [.. readings.Where(r => r.Kind != MeasurementKind.EcgWaveform).Select(Observed)]));
        }

        return new IngestResult(Outcomes.Stored.Code, sequence, receipt, record.Status == DeviceStatus.Quarantined ? "stored; device is quarantined" : Outcomes.Stored.Code);
    }

    private async Task<BatchVerification> VerifyAsync(DeviceRecord record, BatchContent content, UInt128 session, DateTimeOffset now)
    {
        if (_verifier is null)
        {
            _verifier = new ReadingVerifier();
            var history = await _services.Readings.QueryAsync(new ReadingQuery { DeviceId = _device, Status = VerdictStatus.Verified, Limit = PrimeReadings });
            _verifier.Prime(history.OrderBy(r => r.At).Select(r => new Reading(r.Kind, r.At, r.Values, r.Unit, r.Flags, r.Code)));
            if (await _services.Batches.LatestAsync(_device) is { } latest)
            {
                _verifier.PrimeClock(latest.Sequence, latest.Created);
            }

            await SensorCoverageLoader.PrimeAsync(_verifier.Coverage, _device, _services.Batches, _services.Readings);
        }

        var standing = DeviceStanding.Reasons(
            record, _services.Registry.Flags(_device), _services.Registry.IsKnownFirmware(record.Model, content.FirmwareDigest.Span), content.Created);
        return _verifier.Verify(content, now, standing, session);
    }

    private static BatchVerification NotVerified(BatchContent content) =>
        new([.. content.Readings.Select(_ => Verdict.Of([ReasonCodes.NotVerified]))], TimeSpan.Zero, []);

    private List<StoredReading> Stored(DeviceRecord record, BatchContent content, BatchVerification verification, DateTimeOffset now) =>
        [.. content.Readings.Select((r, i) => new StoredReading(
            _device, content.Sequence, i, record.PatientId, r.Kind, r.Time, now, r.Values, r.Unit, r.Flags, r.Code, verification.Verdicts[i]))];

    private static ObservedReading Observed(StoredReading r) =>
        new(r.Index, r.Kind, r.At, [.. r.Values], r.Unit, r.Flags, r.Code, r.Verdict);

    // A stored sequence number again. The same signed content is a replay, whatever envelope or
    // session it came in (anyone may re-seal a signed batch, which is not secret once stored);
    // different content signed by the device under the same number is what only a second holder
    // of its key can produce.
    private async Task<IngestResult> RepeatAsync(IngestRequest request, OpenedBatch batch, byte[] digest, StoredBatch stored)
    {
        var content = batch.Content;
        var sequence = content.Sequence;
        var sameEnvelope = CryptographicOperations.FixedTimeEquals(digest, stored.EnvelopeDigest);
        if (!sameEnvelope && BatchSignature.ContentDigestOf(stored.SignedBatch) is { } storedContent
            && !CryptographicOperations.FixedTimeEquals(storedContent, batch.Signature.ContentDigest))
        {
            // The split is no later than either batch, nor than any reading the second one claims.
            var since = new[] { stored.Created, content.Created }.Concat(content.Readings.Select(r => r.Time)).Min() - VerificationRules.SkewTolerance;
            await _services.Trust.CloneAsync(
                _device, since, request.Principal, request.Source, $"two different batches signed by {_device} carry sequence number {sequence}");
            await _services.Registry.InvalidateAsync();
            return Refuse(request, Outcomes.Replay.Code, $"sequence number {sequence} was already used by a different batch; clone incident opened", sequence);
        }

        var detail = sameEnvelope
            ? $"batch {sequence} sent again; stored once, acknowledged again"
            : $"batch {sequence} sent again re-sealed in another envelope; the device's signed content was stored once, acknowledged again";
        _services.Events.Raise(Outcomes.Replay.Code, request.Principal, request.Source, _device.Value, detail);
        var receipt = _services.Receipts.Sign(new Receipt(_device, sequence, stored.ReceivedAt, digest, Outcomes.Duplicate.Code));
        return new IngestResult(Outcomes.Duplicate.Code, sequence, receipt, "already stored");
    }

    private IngestResult Refuse(IngestRequest request, string code, string detail, ulong sequence = 0)
    {
        _services.Refused.Add(1, new KeyValuePair<string, object?>("code", code));
        _services.Events.Raise(code, request.Principal, request.Source, _device.Value, detail);
        return IngestResult.Refused(code, detail, sequence);
    }
}
