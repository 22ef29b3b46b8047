using Vigil.Domain.Devices;

namespace Vigil.Simulator.Attacks;

/// <summary>What Vigil holds about one device and its patient at one moment, as the attack lab reads it.</summary>
/// <param name="Status">The device's registry status.</param>
/// <param name="Readings">Its stored readings, oldest first.</param>
/// <param name="EventCodes">The codes of security events concerning it, since the scenario began.</param>
/// <param name="Incidents">The kinds of incidents opened on it, and of those on its lot.</param>
/// <param name="Flags">Its standing trust flags.</param>
/// <param name="Alerts">The patient's alerts.</param>
public sealed record AttackEvidence(
    DeviceStatus Status,
    IReadOnlyList<ObservedVerdict> Readings,
    IReadOnlyList<string> EventCodes,
    IReadOnlyList<string> Incidents,
    IReadOnlyList<string> Flags,
    IReadOnlyList<ObservedAlert> Alerts);
