namespace Vigil.Record.Encryption;

/// <summary>What a key-encryption key rotation did.</summary>
/// <param name="From">The key that was active.</param>
/// <param name="To">The key now active.</param>
/// <param name="DataKeys">How many data keys were rewrapped.</param>
/// <param name="Retired">The keys destroyed afterwards.</param>
public sealed record KekRotation(string From, string To, int DataKeys, IReadOnlyList<string> Retired);
