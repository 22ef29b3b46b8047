using Vigil.Domain.Security;

namespace Vigil.Record.Events;

/// <summary>The security event log.</summary>
public interface IEventLog
{
    /// <summary>Records an event; completes when it is durably stored.</summary>
    Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);

    /// <summary>Events matching a query, newest first.</summary>
    IReadOnlyList<SecurityEvent> List(EventQuery query);

    /// <summary>How many events match a code (all when null).</summary>
    long Count(string? code = null);
}
