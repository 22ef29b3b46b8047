namespace Vigil.Record.Trust;

/// <summary>A firmware image known good for a model.</summary>
/// <param name="Model">The device model.</param>
/// <param name="Digest">SHA-256 of the image, as devices attest it.</param>
/// <param name="Version">The version it carries.</param>
/// <param name="AddedAt">When it was listed.</param>
public sealed record FirmwareEntry(string Model, byte[] Digest, string Version, DateTimeOffset AddedAt);
