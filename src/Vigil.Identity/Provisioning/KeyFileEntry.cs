namespace Vigil.Identity.Provisioning;

/// <summary>A key file of a data folder and how it is protected.</summary>
/// <param name="Path">Its path in the data folder, with '/' between folders.</param>
/// <param name="Holds">What key it holds.</param>
/// <param name="Encrypted">Whether it is encrypted (or on a token); null for a file whose kind is not known.</param>
/// <param name="Protection">How, in words.</param>
public sealed record KeyFileEntry(string Path, string Holds, bool? Encrypted, string Protection);
