using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Fhir.Ids;

/// <summary>
/// Stable resource ids, a function of what the resource is about only, so that sending the same
/// reading twice names the same resource and never makes a second one. FHIR ids are 1 to 64
/// characters from <c>[A-Za-z0-9.-]</c>.
/// <list type="bullet">
/// <item>Device: the device id; Patient: the patient id.</item>
/// <item>Observation and its DetectedIssue: <c>device.sequence.index</c>; Provenance:
/// <c>device.sequence</c>. The numbers are read from the right, so a dot in a device id cannot
/// make two readings share an id.</item>
/// <item>When that form does not fit (a '_', which Vigil's ids allow and FHIR's do not, or more
/// than 64 characters) or would begin with <c>h.</c>, the id is <c>h.</c> and 40 hex digits of the
/// SHA-256 of the Vigil subject (<c>device#sequence#index</c>). No readable id begins with
/// <c>h.</c>, so the two forms never meet.</item>
/// </list>
/// </summary>
public static class ResourceIds
{
    private const string HashedPrefix = "h.";
    private const int MaxLength = 64;

    /// <summary>The id of a device's Device resource.</summary>
    public static string Device(string deviceId) => Readable(deviceId, deviceId);

    /// <summary>The id of a relay's Device resource.</summary>
    public static string Relay(string relayId) => Readable(relayId, "relay#" + relayId);

    /// <summary>The id of a patient's Patient resource.</summary>
    public static string Patient(string patientId) => Readable(patientId, patientId);

    /// <summary>The id of a reading's Observation, and of the DetectedIssue that explains its verdict.</summary>
    public static string Reading(string deviceId, ulong sequence, int index) =>
        Readable(
            string.Create(CultureInfo.InvariantCulture, $"{deviceId}.{sequence}.{index}"),
            string.Create(CultureInfo.InvariantCulture, $"{deviceId}#{sequence}#{index}"));

    /// <summary>The id of a batch's Provenance.</summary>
    public static string Batch(string deviceId, ulong sequence) =>
        Readable(
            string.Create(CultureInfo.InvariantCulture, $"{deviceId}.{sequence}"),
            string.Create(CultureInfo.InvariantCulture, $"{deviceId}#{sequence}"));

    /// <summary>Whether text is a FHIR id.</summary>
    public static bool IsValid(string text) =>
        text.Length is > 0 and <= MaxLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static string Readable(string readable, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(readable);
        if (IsValid(readable) && !readable.StartsWith(HashedPrefix, StringComparison.Ordinal))
        {
            return readable;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(subject));
        return HashedPrefix + Convert.ToHexStringLower(digest.AsSpan(0, 20));
    }
}
