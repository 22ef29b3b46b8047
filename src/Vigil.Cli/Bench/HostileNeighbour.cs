using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Vigil.Identity.Provisioning;

namespace Vigil.Cli.Bench;

/// <summary>What a hostile neighbour sent over its whole run.</summary>
/// <param name="Connections">Connections opened.</param>
/// <param name="Bytes">Bytes written.</param>
/// <param name="Sent">Sends of each kind.</param>
internal sealed record HostileTotals(long Connections, long Bytes, IReadOnlyDictionary<HostileKind, long> Sent);

/// <summary>
/// The hostile connections of <c>vigil bench ingest --hostile N</c> in a process of their own, as
/// an attacker's traffic comes from a machine of its own: the bench writes the hostile identities
/// (certificate with key, and sealed envelopes to mutate) to a folder, starts the hidden
/// <c>vigil bench hostile-traffic</c> verb on it at a lower scheduling priority, so that on a
/// shared machine the attacker's own CPU is not charged to the server, and reads its totals when
/// it finishes. The server still does all the work the hostile bytes cause.
/// </summary>
internal sealed class HostileNeighbour : IDisposable
{
    /// <summary>The line the child prints last, with its totals.</summary>
    public const string TotalsMarker = "hostile totals:";

    /// <summary>The line the child prints once its connections are under way.</summary>
    public const string RunningMarker = "hostile traffic running";

    private const string CaFile = "platform-ca.pem";

    private readonly ChildProcess _process;

    private HostileNeighbour(ChildProcess process) => _process = process;

    /// <summary>The neighbour's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Writes the identities and the platform CA to <paramref name="folder"/>, readable by this user only.</summary>
    public static void Save(string folder, IReadOnlyList<LoadClient> identities, X509Certificate2 platformCa)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(Path.Combine(folder, CaFile), platformCa.ExportCertificatePem());
        for (var i = 0; i < identities.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(folder, $"{i}.pfx"), identities[i].Certificate.Export(X509ContentType.Pkcs12));
            using var batches = File.Create(Path.Combine(folder, $"{i}.batches"));
            var length = new byte[4];
            foreach (var batch in identities[i].Batches)
            {
                BinaryPrimitives.WriteInt32BigEndian(length, batch.Length);
                batches.Write(length);
                batches.Write(batch);
            }
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote.</summary>
    public static (List<LoadClient> Identities, X509Certificate2 PlatformCa) Load(string folder)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(folder, CaFile)));
        var identities = new List<LoadClient>();
        for (var i = 0; File.Exists(Path.Combine(folder, $"{i}.pfx")); i++)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(folder, $"{i}.pfx"), null);
            var bytes = File.ReadAllBytes(Path.Combine(folder, $"{i}.batches"));
            var batches = new List<byte[]>();
            for (var at = 0; at + 4 <= bytes.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
                batches.Add(bytes.AsSpan(at + 4, length).ToArray());
                at += 4 + length;
            }

            identities.Add(new LoadClient(DeviceCredentials.DeviceIdOf(certificate)!.Value, certificate, batches));
        }

        return identities.Count > 0 ? (identities, ca) : throw new InvalidOperationException($"no hostile identities in {folder}");
    }

    /// <summary>Starts the child on <paramref name="folder"/> against the server's MQTT port, and waits until its connections are under way; it stops by itself after <paramref name="bound"/>.</summary>
    public static async Task<HostileNeighbour> StartAsync(string folder, int port, int connections, TimeSpan bound)
    {
        var vigil = typeof(HostileNeighbour).Assembly.Location;
        var process = ChildProcess.Start(
            "dotnet",
            [vigil, "bench", "hostile-traffic", "--from", folder, "--port", Text(port), "--connections", Text(connections), "--for", bound.ToString("c", CultureInfo.InvariantCulture)],
            input: true);
        process.Lower(ProcessPriorityClass.BelowNormal);
        if (!await process.WaitForOutputAsync(RunningMarker, TimeSpan.FromSeconds(60)))
        {
            var output = process.Output;
            process.Dispose();
            throw new InvalidOperationException("the hostile traffic did not start:\n" + output);
        }

        return new HostileNeighbour(process);
    }

    /// <summary>Tells the child to finish and returns its totals.</summary>
    public async Task<HostileTotals> StopAsync()
    {
        _process.CloseInput();
        if (!await _process.WaitForExitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new InvalidOperationException("the hostile traffic did not stop within 30 s:\n" + _process.Output);
        }

        var line = _process.Output.Split('\n').LastOrDefault(l => l.StartsWith(TotalsMarker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException("the hostile traffic printed no totals:\n" + _process.Output);
        return ParseTotals(line);
    }

    /// <summary>The child's last line: connections, bytes, then each kind's count.</summary>
    public static string FormatTotals(HostileTraffic traffic) =>
        $"{TotalsMarker} connections={traffic.Connections} bytes={traffic.Bytes} " + string.Join(' ', traffic.Sent.Select(s => $"{s.Key}={s.Value}"));

    public static HostileTotals ParseTotals(string line)
    {
        var fields = line[TotalsMarker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=')).ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
        var sent = Enum.GetValues<HostileKind>().ToDictionary(k => k, k => fields.GetValueOrDefault(k.ToString()));
        return new HostileTotals(fields["connections"], fields["bytes"], sent);
    }

    public void Dispose() => _process.Dispose();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
