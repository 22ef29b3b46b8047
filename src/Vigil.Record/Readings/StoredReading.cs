using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Readings;
using Vigil.Domain.Verification;

namespace Vigil.Record.Readings;

/// <summary>
/// One reading as the record keeps it, with its current verdict. Waveform samples are not
/// copied here; they stay in the device's signed batch.
/// </summary>
/// <param name="DeviceId">The device that measured it.</param>
/// <param name="Sequence">The batch it came in.</param>
/// <param name="Index">Its place in that batch.</param>
/// <param name="PatientId">The patient the device was bound to when it arrived.</param>
/// <param name="Kind">What it measures.</param>
/// <param name="At">When it was measured, by the device's clock.</param>
/// <param name="ReceivedAt">When the platform received it.</param>
/// <param name="Values">Its values (up to three).</param>
/// <param name="Unit">Their unit.</param>
/// <param name="Flags">The sensor's flags.</param>
/// <param name="Code">The code of kinds that need one.</param>
/// <param name="Verdict">The current verdict.</param>
/// <param name="VerdictVersion">1 for the verdict given at ingest, one more for each revision.</param>
/// <param name="VerdictCause">What gave the current verdict: <c>ingest</c>, <c>recall 3</c>, <c>clone</c>, <c>cross-sensor</c>.</param>
public sealed record StoredReading(
    DeviceId DeviceId,
    ulong Sequence,
    int Index,
    PatientId? PatientId,
    MeasurementKind Kind,
    DateTimeOffset At,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<double> Values,
    string Unit,
    ReadingFlags Flags,
    string? Code,
    Verdict Verdict,
    int VerdictVersion = 1,
    string VerdictCause = "ingest");
