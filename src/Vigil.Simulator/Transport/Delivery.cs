namespace Vigil.Simulator.Transport;

/// <summary>What the platform answered to one sealed batch.</summary>
/// <param name="Acknowledged">Whether the platform took it (stored now or before).</param>
/// <param name="Code">The Vigil code: <c>stored</c>, <c>duplicate</c>, or why it was refused.</param>
/// <param name="TransportStatus">The MQTT reason code or HTTP status, as text.</param>
/// <param name="Receipt">The signed receipt, when acknowledged.</param>
public sealed record Delivery(bool Acknowledged, string Code, string TransportStatus, byte[]? Receipt);
