using Vigil.Domain.Devices;

namespace Vigil.Record.Registry;

/// <summary>A relay (phone app, home hub) the platform knows.</summary>
/// <param name="Id">The relay id (its certificate's common name).</param>
/// <param name="KeyIdHex">The kid of its certificate.</param>
/// <param name="Certificate">The certificate, DER.</param>
/// <param name="AddedAt">When it was added.</param>
/// <param name="Devices">The devices it may carry.</param>
public sealed record RelayRecord(RelayId Id, string KeyIdHex, byte[] Certificate, DateTimeOffset AddedAt, IReadOnlyList<string> Devices);
