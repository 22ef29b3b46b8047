using Vigil.Domain.Security;

namespace Vigil.Record.Events;

/// <summary>The security event log.</summary>
public interface IEventLog
{
    /// <summary>Records an event; completes when it is durably stored.</summary>
    Task AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);

    /// <summary>Events matching a query, newest first.</summary>
    Task<IReadOnlyList<SecurityEvent>> ListAsync(EventQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many refusals and suspicions the log holds for a code (all when null), each event counted by its <see cref="SecurityEvent.Count"/>.</summary>
    Task<long> CountAsync(string? code = null, CancellationToken cancellationToken = default);

    /// <summary>The same totals for every code: what the <c>vigil.security.events</c> counter counted.</summary>
    Task<IReadOnlyDictionary<string, long>> TotalsAsync(CancellationToken cancellationToken = default);
}
