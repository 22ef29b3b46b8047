using System.Security.Cryptography;
using Vigil.Identity.Keys;

namespace Vigil.Identity.Provisioning;

/// <summary>
/// The layout of a Vigil deployment's data folder: its PKI (<see cref="PkiFolder"/>) and, beside
/// it, the record (<c>vigil.db</c>, or the <c>store</c> file naming a PostgreSQL database), the
/// lock that keeps a second server off the folder (<c>vigil.lock</c>) and the operator's API
/// token (<c>api/operator.token</c>).
/// </summary>
public sealed class DataFolder : PkiFolder
{
    /// <summary>Points at a data folder, which need not exist yet.</summary>
    public DataFolder(string root)
        : base(root)
    {
    }

    /// <summary>The record database of the embedded deployment.</summary>
    public string RecordPath => Path.Combine(Root, "vigil.db");

    /// <summary>
    /// The file naming the PostgreSQL database that holds the record instead of <see cref="RecordPath"/>
    /// (an Npgsql connection string, mode 0600 since it may carry a password).
    /// </summary>
    public string StorePath => Path.Combine(Root, "store");

    /// <summary>The PostgreSQL connection string the folder's record lives at, or null for the embedded SQLite file.</summary>
    public string? ReadStore() => File.Exists(StorePath) ? File.ReadAllText(StorePath).Trim() is { Length: > 0 } store ? store : null : null;

    /// <summary>Makes the folder's record live in a PostgreSQL database from now on.</summary>
    public void WriteStore(string connectionString)
    {
        Directory.CreateDirectory(Root);
        if (File.Exists(StorePath))
        {
            File.Delete(StorePath);
        }

        KeyFile.WriteNew(StorePath, connectionString);
    }

    /// <summary>The lock file that keeps a second server off this folder.</summary>
    public string LockPath => Path.Combine(Root, "vigil.lock");

    /// <summary>Where the operator's bearer token for the HTTP API is kept (mode 0600).</summary>
    public string OperatorTokenPath => Path.Combine(Root, "api", "operator.token");

    /// <summary>
    /// The operator's bearer token for the HTTP API, created (256 random bits, base64url) if the
    /// folder has none yet. Whoever can read the data folder is an operator already.
    /// </summary>
    public string EnsureOperatorToken()
    {
        if (!File.Exists(OperatorTokenPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(OperatorTokenPath)!);
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            KeyFile.WriteNew(OperatorTokenPath, token);
        }

        return File.ReadAllText(OperatorTokenPath).Trim();
    }

    /// <summary>
    /// Creates what is missing: the PKI (<see cref="PkiFolder.Initialize"/>) and the operator token.
    /// Existing keys are never replaced.
    /// </summary>
    /// <returns>The names of the items created, empty when everything existed.</returns>
    public override IReadOnlyList<string> Initialize(TimeProvider time, string? passphrase, string platformName = "Vigil Development")
    {
        var created = base.Initialize(time, passphrase, platformName).ToList();
        if (!File.Exists(OperatorTokenPath))
        {
            EnsureOperatorToken();
            created.Add("operator API token (api/operator.token)");
        }

        return created;
    }
}
