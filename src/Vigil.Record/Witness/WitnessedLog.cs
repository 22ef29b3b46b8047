using System.Security.Cryptography;

namespace Vigil.Record.Witness;

/// <summary>A log a witness cosigns for: its origin line and the key its checkpoints are signed with (note signature type 0x02, ECDSA P-256).</summary>
/// <param name="Origin">The checkpoints' origin line, also their key name.</param>
/// <param name="Key">The log's public key.</param>
public sealed record WitnessedLog(string Origin, ECDsa Key);
