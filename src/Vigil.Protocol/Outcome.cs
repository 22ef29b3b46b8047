namespace Vigil.Protocol;

/// <summary>
/// One stable outcome code and everything that answers with it: the HTTP status of HTTPS ingest,
/// the MQTT 5 reason codes (MQTT 5 §2.4; a plain byte, so that no assembly needs MQTTnet to read
/// it), its kind and its documented meaning. The only instances are those of <see cref="Outcomes"/>.
/// </summary>
public sealed class Outcome
{
    internal Outcome(string code, OutcomeKind kind, int? httpStatus, byte? pubAckReason, byte? connAckReason, string meaning)
    {
        Code = code;
        Kind = kind;
        HttpStatus = httpStatus;
        PubAckReason = pubAckReason;
        ConnAckReason = connAckReason;
        Meaning = meaning;
    }

    /// <summary>The code on the wire: receipts, the PUBACK's reason string and <c>vigil-code</c>, <c>Vigil-Code</c>, problem+json, events and logs.</summary>
    public string Code { get; }

    /// <summary>What the outcome means for the sender and for the platform's defences.</summary>
    public OutcomeKind Kind { get; }

    /// <summary>The status HTTPS ingest answers with, or null where HTTPS never answers with this code.</summary>
    public int? HttpStatus { get; }

    /// <summary>The reason code of the PUBACK that answers a publish with this code (and of the SUBACK for a refused subscription), or null where no PUBACK carries it.</summary>
    public byte? PubAckReason { get; }

    /// <summary>The reason code of the CONNACK that refuses a connection with this code, or null where CONNECT never refuses with it.</summary>
    public byte? ConnAckReason { get; }

    /// <summary>The one-line meaning documented for the code in docs/gateway.md.</summary>
    public string Meaning { get; }

    /// <summary>Whether the sender may consider its batch delivered.</summary>
    public bool IsAcknowledged => Kind == OutcomeKind.Acknowledged;

    /// <summary>Whether a refusal with this code becomes a security event.</summary>
    public bool RaisesSecurityEvent => Kind is OutcomeKind.Attack or OutcomeKind.Throttle;

    /// <summary>Whether a refusal with this code counts toward holding its sender off.</summary>
    public bool IsStrike => Kind == OutcomeKind.Attack;

    /// <inheritdoc />
    public override string ToString() => Code;
}
