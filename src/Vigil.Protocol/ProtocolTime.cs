namespace Vigil.Protocol;

/// <summary>
/// The span every time on the wire must lie in (docs/protocol.md §3.6): from the Unix epoch up to,
/// not including, 2100-01-01T00:00:00Z. A device clock outside it is broken, not skewed; keeping
/// every time well inside what the platform's clocks can represent means no rule's arithmetic on
/// a time (a session's lifetime, a skew tolerance, a coverage window) can overflow.
/// </summary>
internal static class ProtocolTime
{
    /// <summary>2100-01-01T00:00:00Z in Unix seconds: the first instant no longer valid.</summary>
    public const long EndUnixSeconds = 4_102_444_800;

    /// <summary>Whether a time in Unix seconds is valid on the wire.</summary>
    public static bool IsValidSeconds(long unixSeconds) => unixSeconds is >= 0 and < EndUnixSeconds;

    /// <summary>Whether a time in Unix milliseconds is valid on the wire.</summary>
    public static bool IsValidMilliseconds(long unixMilliseconds) => unixMilliseconds is >= 0 and < EndUnixSeconds * 1000;
}
