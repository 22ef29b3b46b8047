using Vigil.Domain.Readings;

namespace Vigil.Domain.Verification;

/// <summary>
/// Gives every reading of one device's batches a verdict: the device's own standing (quarantine,
/// recall, firmware, clone), the batch's clock, each reading's time against what the device's
/// earlier sessions already covered (<see cref="SensorCoverage"/>), each reading alone, the batch's
/// fixed-rate samples, and the history of the device's sensors. One instance per device; calls must
/// not overlap.
/// </summary>
public sealed class ReadingVerifier
{
    private readonly Dictionary<MeasurementKind, SensorTrack> _tracks = [];
    private ulong? _lastSequence;
    private DateTimeOffset? _lastCreated;

    /// <summary>What the device's sessions already cover of each sensor; primed from the record, then kept by <see cref="Verify(BatchContent, DateTimeOffset, IReadOnlyCollection{string}, UInt128)"/>.</summary>
    public SensorCoverage Coverage { get; } = new();

    /// <summary>The verdicts of a batch's readings whose session is not known (no coverage check).</summary>
    public BatchVerification Verify(BatchContent batch, DateTimeOffset receivedAt, IReadOnlyCollection<string> deviceReasons) =>
        Verify(batch, receivedAt, deviceReasons, null);

    /// <summary>The verdicts of a batch's readings, in the batch's order, and the clock skew it showed.</summary>
    /// <param name="batch">The opened batch.</param>
    /// <param name="receivedAt">When the platform received it.</param>
    /// <param name="deviceReasons">Reasons that hold for every reading of the device now.</param>
    /// <param name="session">The session the device signed the batch in.</param>
    public BatchVerification Verify(BatchContent batch, DateTimeOffset receivedAt, IReadOnlyCollection<string> deviceReasons, UInt128 session) =>
        Verify(batch, receivedAt, deviceReasons, (UInt128?)session);

    private BatchVerification Verify(BatchContent batch, DateTimeOffset receivedAt, IReadOnlyCollection<string> deviceReasons, UInt128? session)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(deviceReasons);
        var (batchClock, skew) = ClockCheck.Batch(batch, receivedAt, _lastSequence, _lastCreated);
        var clock = batchClock.ToList();
        if (_lastSequence is null || batch.Sequence > _lastSequence)
        {
            _lastSequence = batch.Sequence;
            _lastCreated = batch.Created;
        }

        var readings = batch.Readings;
        var regressions = session is { } id ? Coverage.Regressions(id, batch.Sequence, readings) : new TimeSpan?[readings.Count];
        if (regressions.Min() is { } back && clock.Count == 0)
        {
            // The batch's own time looked right; its readings show the clock ran back.
            clock.Add(ReasonCodes.ClockSkew);
            skew = back;
        }

        var reasons = new List<string>[readings.Count];
        for (var i = 0; i < readings.Count; i++)
        {
            reasons[i] = [.. deviceReasons, .. batchClock];
            if (regressions[i] is not null)
            {
                reasons[i].Add(ReasonCodes.ClockSkew);
            }

            ReadingChecks.Alone(readings[i], reasons[i]);
            ClockCheck.Reading(readings[i], batch.Created, reasons[i]);
            if (session is { } covering && !reasons[i].Contains(ReasonCodes.ClockSkew) && !reasons[i].Contains(ReasonCodes.ClockInvalid))
            {
                Coverage.Add(covering, batch.Sequence, readings[i].Kind, readings[i].Time);
            }
        }

        ReadingChecks.Sampled(readings, reasons);
        foreach (var i in Enumerable.Range(0, readings.Count).OrderBy(i => readings[i].Time))
        {
            // A reference value from a meter is not part of the sensor's own signal.
            if (readings[i].Kind != MeasurementKind.EcgWaveform && !readings[i].Flags.HasFlag(ReadingFlags.Calibration) && MeasurementCatalog.Check(readings[i]) is null)
            {
                Track(readings[i].Kind).Check(readings[i], reasons[i]);
            }
        }

        return new BatchVerification([.. reasons.Select(Verdict.Of)], skew, clock);
    }

    /// <summary>
    /// Restores the sensors' history from readings already stored and Verified (after the actor was
    /// deactivated or the server restarted), oldest first.
    /// </summary>
    public void Prime(IEnumerable<Reading> verified)
    {
        ArgumentNullException.ThrowIfNull(verified);
        foreach (var reading in verified)
        {
            if (reading.Kind != MeasurementKind.EcgWaveform && MeasurementCatalog.Check(reading) is null)
            {
                Track(reading.Kind).Check(reading, new List<string>());
            }
        }
    }

    /// <summary>
    /// Restores the device's latest batch (its highest sequence number and its time), so that a
    /// clock that runs back is seen across a restart of the actor or the server as within one run.
    /// </summary>
    public void PrimeClock(ulong sequence, DateTimeOffset created)
    {
        if (_lastSequence is null || sequence > _lastSequence)
        {
            _lastSequence = sequence;
            _lastCreated = created;
        }
    }

    private SensorTrack Track(MeasurementKind kind)
    {
        if (!_tracks.TryGetValue(kind, out var track))
        {
            track = new SensorTrack(VerificationRules.For(kind));
            _tracks.Add(kind, track);
        }

        return track;
    }
}
