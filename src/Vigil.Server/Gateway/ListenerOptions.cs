using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Gateway;

/// <summary>
/// Where the gateway listens, bound from the <c>Vigil</c> section: <c>Vigil:ListenAddress</c>,
/// <c>Vigil:HttpsPort</c> and <c>Vigil:MqttPort</c> (environment <c>Vigil__MqttPort</c>, flags
/// <c>--listen</c>, <c>--https-port</c>, <c>--mqtt-port</c>).
/// </summary>
public sealed class ListenerOptions
{
    /// <summary>The address every listener binds to.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>HTTPS port (ingest API, the console).</summary>
    [Range(0, 65535)]
    public int HttpsPort { get; set; } = 8443;

    /// <summary>MQTT over TLS port.</summary>
    [Range(0, 65535)]
    public int MqttPort { get; set; } = 8883;
}
