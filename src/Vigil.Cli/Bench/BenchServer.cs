using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Record;
using Vigil.Simulator.Transport;

namespace Vigil.Cli.Bench;

/// <summary>
/// The Vigil under load in <c>vigil bench ingest</c> and <c>vigil bench hostile</c>: a real
/// <c>vigil serve</c> in a child process over a data folder whose devices were enrolled beforehand.
/// </summary>
internal static class BenchServer
{
    /// <summary>Starts <c>vigil serve</c> on the folder and ports (HTTPS, MQTT, silo, Orleans gateway), or for a reference the hidden <c>vigil bench reference-server --variant</c>, with the rate limits out of the way; returns once it serves.</summary>
    public static async Task<ChildProcess> StartAsync(DataFolder folder, int[] ports, string? variant = null)
    {
        var vigil = typeof(BenchServer).Assembly.Location;
        string[] verb = variant is null ? ["serve"] : ["bench", "reference-server", "--variant", variant];
        var server = ChildProcess.Start(
            "dotnet",
            [vigil, .. verb, "--data", folder.Root, "--https-port", Text(ports[0]), "--mqtt-port", Text(ports[1]), "--silo-port", Text(ports[2]), "--orleans-gateway-port", Text(ports[3])],
            new Dictionary<string, string>
            {
                ["Vigil__DeviceRatePerSecond"] = "1000000",
                ["Vigil__DeviceBurst"] = "1000000",
                ["Vigil__MaxConnectionsPerSource"] = "1000000",
            });
        if (!await server.WaitForOutputAsync("Vigil is serving", TimeSpan.FromSeconds(90)))
        {
            var output = server.Output;
            server.Dispose();
            throw new InvalidOperationException("vigil serve did not start:\n" + output);
        }

        return server;
    }

    /// <summary>Enrolls the load's devices straight into the record, and allows their firmware, before the server starts.</summary>
    public static async Task EnrollAsync(RecordStore record, List<X509Certificate2> certificates)
    {
        await record.Registry.EnrollDevicesAsync(certificates.Select(c => Platform.Devices.DeviceEnrollment.RecordOf(c, DateTimeOffset.UtcNow)!));
        await record.Trust.AllowFirmwareAsync(new Record.Trust.FirmwareEntry("BENCH", SHA256.HashData("fw"u8), "1.0", DateTimeOffset.UtcNow));
    }

    /// <summary>Each connected sender with the load client whose device it connected as.</summary>
    public static List<(MqttSender, LoadClient)> Pair(List<MqttSender> senders, List<LoadClient> clients)
    {
        var byName = clients.ToDictionary(c => c.Device.Value);
        return senders.Select(s => (s, byName[s.ClientId])).ToList();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
