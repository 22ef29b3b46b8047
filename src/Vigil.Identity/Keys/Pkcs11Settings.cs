using System.Text.Json;

namespace Vigil.Identity.Keys;

/// <summary>
/// Where a PKCS#11 key store is: the module (the HSM vendor's library) and the label of the token
/// holding Vigil's keys. Kept in the data folder as <c>keys/pkcs11.json</c>; the user PIN is never
/// stored there but read from <c>VIGIL_PKCS11_PIN</c>.
/// </summary>
/// <param name="Module">The path of the PKCS#11 library, such as <c>/usr/lib/softhsm/libsofthsm2.so</c>.</param>
/// <param name="Token">The token's label.</param>
public sealed record Pkcs11Settings(string Module, string Token)
{
    /// <summary>The environment variable holding the token's user PIN.</summary>
    public const string PinVariable = "VIGIL_PKCS11_PIN";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Reads the settings file, or null if there is none (the file store is used then).</summary>
    public static Pkcs11Settings? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<Pkcs11Settings>(File.ReadAllText(path), Json) : null;

    /// <summary>Writes the settings file.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}
