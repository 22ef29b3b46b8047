namespace Vigil.Domain.Security;

/// <summary>Something refused or suspicious on the path of a reading, kept for the security team.</summary>
/// <param name="At">When it happened (platform clock).</param>
/// <param name="Code">The stable failure code, such as <c>bad-signature</c> or <c>topic-denied</c>.</param>
/// <param name="Principal">Who did it: the authenticated device or relay, or "anonymous".</param>
/// <param name="Source">Where it came from: transport and remote address.</param>
/// <param name="DeviceId">The device concerned, if any (possibly only claimed).</param>
/// <param name="Detail">What happened, for a person; never secret and never patient data.</param>
public sealed record SecurityEvent(DateTimeOffset At, string Code, string Principal, string Source, string? DeviceId, string Detail)
{
    /// <summary>The store's sequence number of the event (0 before it is stored).</summary>
    public long Id { get; init; }

    /// <summary>
    /// How many refusals or suspicions the event stands for: 1, or for the summary that closes a
    /// window of identical events from one principal, how many the window folded.
    /// </summary>
    public int Count { get; init; } = 1;
}
