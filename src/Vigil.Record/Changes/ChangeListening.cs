namespace Vigil.Record.Changes;

/// <summary>
/// The timing of a PostgreSQL record's change listener, from which docs/gateway.md states the
/// bound after a lost connection: a lost listening connection is opened again after
/// <see cref="FirstRetry"/>, the wait doubling up to <see cref="LongestRetry"/>; a connection with
/// no notification for <see cref="HealthInterval"/> is checked by a query that must answer within
/// <see cref="HealthTimeout"/>, so that one gone silent is found.
/// </summary>
internal static class ChangeListening
{
    /// <summary>The wait before the first attempt to open a lost listening connection again.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts to open the listening connection.</summary>
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    /// <summary>How long the listening connection may stay without a notification before it is checked.</summary>
    public static readonly TimeSpan HealthInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long that check may take before the connection counts as lost.</summary>
    public static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);
}
