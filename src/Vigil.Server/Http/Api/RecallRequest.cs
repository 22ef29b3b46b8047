namespace Vigil.Server.Http.Api;

/// <summary>A recall to create.</summary>
/// <param name="Model">The device model.</param>
/// <param name="Lots">Lots covered (none: every lot).</param>
/// <param name="Serials">Serial numbers or ranges <c>A..B</c> covered (none: every serial).</param>
/// <param name="Firmware">Firmware versions covered (none: every version).</param>
/// <param name="Since">From when the devices' readings are doubted.</param>
/// <param name="Reason">Why.</param>
internal sealed record RecallRequest(string? Model, string[]? Lots, string[]? Serials, string[]? Firmware, DateTimeOffset? Since, string? Reason);
