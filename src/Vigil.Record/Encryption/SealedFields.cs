using System.Globalization;
using System.Text.Json;
using Vigil.Domain.Readings;

namespace Vigil.Record.Encryption;

/// <summary>
/// The sealed fields of the record: where each is stored (the additional data that binds it to
/// its row) and how a reading's values are laid out before sealing.
/// </summary>
internal static class SealedFields
{
    /// <summary>A patient's display name and hospital identifier.</summary>
    public static string PatientIdentity(string patientId) => "patients.identity " + patientId;

    /// <summary>A batch's device-signed COSE_Sign1, which holds its readings.</summary>
    public static string SignedBatch(string deviceId, ulong sequence) => Invariant($"batches.signed {deviceId} {sequence}");

    /// <summary>A reading's values, unit, flags and code.</summary>
    public static string ReadingValues(string deviceId, ulong sequence, int index) => Invariant($"readings.values {deviceId} {sequence} {index}");

    /// <summary>One version of a reading's verdict (it keeps its place when it moves to the history).</summary>
    public static string Verdict(string deviceId, ulong sequence, int index, int version) => Invariant($"readings.verdict {deviceId} {sequence} {index} {version}");

    /// <summary>An alert's rule, value, detail and reasons.</summary>
    public static string Alert(long id) => Invariant($"alerts {id}");

    /// <summary>The note of an action on an alert.</summary>
    public static string AlertNote(long alertId, long atMs, string action) => Invariant($"alert_actions.note {alertId} {atMs} {action}");

    /// <summary>A reference measurement's values.</summary>
    public static string Calibration(string patientId, long atMs, long enteredAtMs) => Invariant($"calibrations {patientId} {atMs} {enteredAtMs}");

    /// <summary>The reason typed for a break-glass grant.</summary>
    public static string BreakGlassReason(long id) => Invariant($"break_glass.reason {id}");

    /// <summary>The place of a break-glass grant's review note.</summary>
    public static string BreakGlassReviewNote(long id) => Invariant($"break_glass.review_note {id}");

    /// <summary>A patient's thresholds.</summary>
    public static string Thresholds(string patientId) => "patient_thresholds " + patientId;

    /// <summary>The layout of a reading's values before sealing.</summary>
    public static byte[] EncodeValues(IReadOnlyList<double> values, string unit, ReadingFlags flags, string? code) =>
        JsonSerializer.SerializeToUtf8Bytes(new SealedValues([.. values], unit, (int)flags, code), SealedJson.Default.SealedValues);

    /// <summary>A reading's values from their layout.</summary>
    /// <exception cref="RecordIntegrityException">The layout is not valid.</exception>
    public static SealedValues DecodeValues(byte[] plaintext, string context)
    {
        try
        {
            return JsonSerializer.Deserialize(plaintext, SealedJson.Default.SealedValues) ?? throw new RecordIntegrityException(context, "its values are empty");
        }
        catch (JsonException)
        {
            throw new RecordIntegrityException(context, "its values are not laid out as Vigil writes them");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
