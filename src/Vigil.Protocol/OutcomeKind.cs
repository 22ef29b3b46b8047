namespace Vigil.Protocol;

/// <summary>What an <see cref="Outcome"/> means for its sender and for the platform's defences (docs/gateway.md, "Codes").</summary>
public enum OutcomeKind
{
    /// <summary>The batch is held: acknowledged with a signed receipt.</summary>
    Acknowledged = 1,

    /// <summary>
    /// Refused input that only a faulty or hostile sender produces: it raises a security event and
    /// is a strike toward a hold-off.
    /// </summary>
    Attack,

    /// <summary>Refused for load (a rate, a connection count, a hold): it raises a security event but is no strike.</summary>
    Throttle,

    /// <summary>The platform could not take the batch: no security event and no strike; the sender retries.</summary>
    Unavailable,
}
