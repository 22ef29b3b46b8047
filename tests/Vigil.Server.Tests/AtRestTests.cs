using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Patients;
using Vigil.Record.Clinical;
using Vigil.Server.Hosting;
using Vigil.Tests.Shared;

namespace Vigil.Server.Tests;

/// <summary>
/// T16: a stolen data folder or database dump holds no patient data. Known values, a name and a
/// hospital identifier go in through a real server; then every file of the data folder (with the
/// WAL, while the server runs and after it stops) and a dump of the database are searched for them.
/// </summary>
public sealed class AtRestTests
{
    private const string Name = "Ada Lovelace";
    private const string Mrn = "MRN-4417-2931";

    // Values no float narrower than a double holds exactly, so that every encoding of them is 8 bytes or more.
    private static readonly double[] Glucose = [287.37, 41.37];
    private const double Fingerstick = 93.37;

    [Theory]
    [MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task DataFolderAndDump_AfterIngest_HoldNoValueNameOrIdentifier(StoreKind kind)
    {
        await using var server = new ServerFixture(kind);
        await server.StartAsync();

        var whileRunning = await FillAsync(server);
        await server.StopAsync();
        var stopped = Search(server);

        Assert.Empty(whileRunning);
        Assert.Empty(stopped);
    }

    [Fact]
    public async Task Search_UnprotectedRecord_FindsWhatItLooksFor()
    {
        await using var server = new ServerFixture();
        await server.MakeBenchmarkRecordAsync(protect: false);
        server.Reference = BenchReference.Unprotected;
        await server.StartAsync();

        var found = await FillAsync(server);

        Assert.Contains(Name, found);
        Assert.Contains(Mrn, found);
        Assert.Contains("287.37", found);
    }

    private static async Task<List<string>> FillAsync(ServerFixture server)
    {
        await server.Registry.AddPatientAsync(PatientId.Parse("p-leak"), Name, DateTimeOffset.UtcNow, Mrn);
        var device = await server.DeviceAsync("cgm-leak");
        await server.Registry.BindDeviceToPatientAsync(device.Id, PatientId.Parse("p-leak"));
        await server.RegistryChanged();
        await using var sender = await server.ConnectOrFailAsync(device.Certificate);
        foreach (var glucose in Glucose)
        {
            var delivery = await sender.SendAsync(device.Id, device.Seal(glucose).Envelope, TestContext.Current.CancellationToken);
            Assert.True(delivery.Acknowledged, delivery.Code);
        }

        var clinical = server.App.Services.GetRequiredService<IClinicalStore>();
        await Eventually.TrueAsync(async () => (await clinical.AlertsAsync(PatientId.Parse("p-leak"))).Any(a => a.Value == Glucose[1]), "the hypoglycaemia alert");
        await clinical.AddCalibrationAsync(new Calibration(0, PatientId.Parse("p-leak"), DateTimeOffset.UtcNow, Fingerstick, "fingerstick", DateTimeOffset.UtcNow, device.Id, Glucose[0]));
        return Search(server);
    }

    private static List<string> Search(ServerFixture server)
    {
        // The instance lock is held exclusively while the server runs, and holds only its process id.
        var haystacks = Directory.EnumerateFiles(server.Root, "*", SearchOption.AllDirectories)
            .Where(f => f != server.Folder.LockPath).Select(ReadShared).ToList();
        if (server.Database.Kind == StoreKind.Postgres)
        {
            haystacks.Add(Encoding.UTF8.GetBytes(PgDump(server.Database.ConnectionString!)));
        }

        haystacks.Add(Encoding.Latin1.GetBytes(server.Database.Dump()));
        return [.. Needles().Where(n => haystacks.Any(h => h.AsSpan().IndexOf(n.Bytes) >= 0)).Select(n => n.What)];
    }

    private static IEnumerable<(string What, byte[] Bytes)> Needles()
    {
        foreach (var text in new[] { Name, "Lovelace", Mrn })
        {
            yield return (text, Encoding.UTF8.GetBytes(text));
            yield return (text, Encoding.Unicode.GetBytes(text));
        }

        foreach (var value in Glucose.Append(Fingerstick))
        {
            var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return (text, Encoding.UTF8.GetBytes(text));
            var big = new byte[8];
            BinaryPrimitives.WriteDoubleBigEndian(big, value);
            yield return (text, big);
            yield return (text, BitConverter.GetBytes(value));
        }
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string PgDump(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last();
        var start = new ProcessStartInfo(Path.Combine(bin, "bin", "pg_dump"), ["-h", builder.Host!, "-p", $"{builder.Port}", "-U", builder.Username!, builder.Database!])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = builder.Password;
        using var dump = Process.Start(start)!;
        var output = dump.StandardOutput.ReadToEnd();
        dump.WaitForExit();
        Assert.True(dump.ExitCode == 0, dump.StandardError.ReadToEnd());
        Assert.Contains("COPY public.readings", output, StringComparison.Ordinal);
        return output;
    }
}
