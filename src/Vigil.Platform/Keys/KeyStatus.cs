namespace Vigil.Platform.Keys;

/// <summary>The state of the record's keys, as <c>vigil keys status</c> shows it.</summary>
/// <param name="Record">Which database holds the record.</param>
/// <param name="ActiveKek">The name of the active key-encryption key, or null if none is made yet.</param>
/// <param name="DataKeys">How many data keys it wraps.</param>
public sealed record KeyStatus(string Record, string? ActiveKek, long DataKeys);
