using MQTTnet.Protocol;
using Vigil.Protocol;

namespace Vigil.Server.Gateway;

/// <summary>
/// The MQTT 5 reason codes the broker answers an outcome with, read from <see cref="Outcomes"/>
/// (docs/gateway.md, "Codes"). A code the catalogue gives no reason for at that level is answered
/// NotAuthorized.
/// </summary>
internal static class MqttReasons
{
    /// <summary>The PUBACK reason code of an ingest outcome (<see cref="Outcome.PubAckReason"/>).</summary>
    public static MqttPubAckReasonCode PubAck(string code) =>
        Outcomes.Find(code)?.PubAckReason is { } reason ? (MqttPubAckReasonCode)reason : MqttPubAckReasonCode.NotAuthorized;

    /// <summary>The CONNACK reason code of a refused connection (<see cref="Outcome.ConnAckReason"/>).</summary>
    public static MqttConnectReasonCode ConnAck(string code) =>
        Outcomes.Find(code)?.ConnAckReason is { } reason ? (MqttConnectReasonCode)reason : MqttConnectReasonCode.NotAuthorized;

    /// <summary>
    /// The SUBACK reason code of a refused subscription: MQTT 5 numbers its reason codes once for
    /// every packet (§2.4), so a subscription refused with a code carries the reason a publish
    /// refused with it does.
    /// </summary>
    public static MqttSubscribeReasonCode SubAck(string code) =>
        Outcomes.Find(code)?.PubAckReason is { } reason ? (MqttSubscribeReasonCode)reason : MqttSubscribeReasonCode.NotAuthorized;
}
