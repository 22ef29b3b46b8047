namespace Vigil.Record.Witness;

/// <summary>A witness's answer to add-checkpoint.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body: cosignature lines, the known size, or a reason.</param>
/// <param name="Alarm">Set when the request is evidence of a fork or a shrink of the log.</param>
public sealed record WitnessReply(int Status, string ContentType, string Body, string? Alarm = null)
{
    /// <summary>The media type of a 409's body.</summary>
    public const string SizeType = "text/x.tlog.size";

    /// <summary>A refusal with a plain text reason.</summary>
    public static WitnessReply Refuse(int status, string reason, string? alarm = null) => new(status, "text/plain; charset=utf-8", reason + "\n", alarm);
}
