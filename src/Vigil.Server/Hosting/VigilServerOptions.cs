namespace Vigil.Server.Hosting;

/// <summary>
/// Settings of <c>vigil serve</c>, bound from the <c>Vigil</c> configuration section
/// (appsettings.json, then environment variables such as <c>Vigil__MqttPort</c>, then flags).
/// </summary>
public sealed class VigilServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vigil";

    /// <summary>The data folder.</summary>
    public string DataFolder { get; set; } = ".vigil";

    /// <summary>
    /// The PostgreSQL database holding the record (an Npgsql connection string such as
    /// <c>Host=db;Database=vigil;Username=vigil;Password=...</c>); unset: the data folder's store
    /// file if it has one, else the embedded SQLite file.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>The address every listener binds to.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>HTTPS port (ingest API, later the console).</summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary>MQTT over TLS port.</summary>
    public int MqttPort { get; set; } = 8883;

    /// <summary>Orleans silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    public int OrleansGatewayPort { get; set; } = 30000;

    /// <summary>Largest sealed batch accepted over any transport, in bytes.</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Batches per second one device may send, sustained.</summary>
    public double DeviceRatePerSecond { get; set; } = 10;

    /// <summary>Batches one device may send in a burst.</summary>
    public int DeviceBurst { get; set; } = 100;

    /// <summary>Batches per second one relay may forward, sustained.</summary>
    public double RelayRatePerSecond { get; set; } = 200;

    /// <summary>Batches one relay may forward in a burst (a backfill after hours offline).</summary>
    public int RelayBurst { get; set; } = 2000;

    /// <summary>Refused inputs (malformed, tampered, unauthorised) one principal may send within <see cref="HoldOffWindowSeconds"/> before it is held off.</summary>
    public int HoldOffAfterRefusals { get; set; } = 10;

    /// <summary>The window in which a principal's refused inputs are counted (seconds).</summary>
    public int HoldOffWindowSeconds { get; set; } = 10;

    /// <summary>How long a principal is held off (seconds).</summary>
    public int HoldOffSeconds { get; set; } = 30;

    /// <summary>Concurrent connections from one remote address, per listener (MQTT, HTTPS).</summary>
    public int MaxConnectionsPerSource { get; set; } = 1000;

    /// <summary>How often a ledger checkpoint is signed while the ledger grows (seconds).</summary>
    public int CheckpointIntervalSeconds { get; set; } = 10;
}
