namespace Vigil.Server.Hosting;

/// <summary>
/// Where <c>vigil serve</c> keeps its data, bound from the <c>Vigil</c> section (appsettings.json,
/// then environment variables such as <c>Vigil__DataFolder</c>, then flags): <c>Vigil:DataFolder</c>
/// and <c>Vigil:Store</c>.
/// </summary>
public sealed class DeploymentOptions
{
    /// <summary>The configuration section every server options class is bound from.</summary>
    public const string Section = "Vigil";

    /// <summary>The data folder.</summary>
    public string DataFolder { get; set; } = ".vigil";

    /// <summary>
    /// The PostgreSQL database holding the record (an Npgsql connection string such as
    /// <c>Host=db;Database=vigil;Username=vigil;Password=...</c>); unset: the data folder's store
    /// file if it has one, else the embedded SQLite file.
    /// </summary>
    public string? Store { get; set; }
}
