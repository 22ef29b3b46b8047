using Vigil.Record.Readings;

namespace Vigil.Server.Http.Api;

/// <summary>A reading with its verdict, as the API shows it.</summary>
/// <param name="Device">The device.</param>
/// <param name="Sequence">Its batch.</param>
/// <param name="Index">Its place in the batch.</param>
/// <param name="Kind">What it measures.</param>
/// <param name="At">When it was measured.</param>
/// <param name="Values">Its values.</param>
/// <param name="Unit">Their unit.</param>
/// <param name="Code">Its code, for kinds that have one.</param>
/// <param name="Status">Verified, Suspect or Rejected.</param>
/// <param name="Reasons">Why, when not Verified.</param>
/// <param name="VerdictVersion">1 at ingest, one more per revision.</param>
/// <param name="Cause">What gave the current verdict.</param>
internal sealed record ReadingView(
    string Device, ulong Sequence, int Index, string Kind, DateTimeOffset At, IReadOnlyList<double> Values, string Unit, string? Code,
    string Status, IReadOnlyList<string> Reasons, int VerdictVersion, string Cause)
{
    /// <summary>The view of a stored reading.</summary>
    public static ReadingView Of(StoredReading r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new ReadingView(
            r.DeviceId.Value, r.Sequence, r.Index, r.Kind.ToString(), r.At, r.Values, r.Unit, r.Code, r.Verdict.Status.ToString(), r.Verdict.Reasons,
            r.VerdictVersion, r.VerdictCause);
    }
}
