using System.Security.Cryptography;
using Vigil.Domain.Devices;
using Vigil.Record.Batches;
using Vigil.Record.Registry;
using Vigil.Record.Sqlite;

namespace Vigil.Record.Tests;

/// <summary>A record in a fresh temporary SQLite file.</summary>
public sealed class RecordFixture : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-record-").FullName;

    public RecordFixture() => Record = SqliteRecord.Open(PathOf);

    public string PathOf => Path.Combine(_folder, "vigil.db");

    public SqliteRecord Record { get; private set; }

    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000);

    public async Task ReopenAsync()
    {
        await Record.DisposeAsync();
        Record = SqliteRecord.Open(PathOf);
    }

    public static DeviceRecord Device(string id, string? kid = null) =>
        new(DeviceId.Parse(id), kid ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), [1, 2, 3], "M", "L", "S-" + id, "1.0", DeviceStatus.Active, null, Now, null);

    public static AcceptedBatch Batch(string device, ulong sequence, string source = "test") =>
        new(DeviceId.Parse(device), sequence, Now, Now.AddSeconds(1), source, new byte[16], new byte[32], SHA256.HashData(BitConverter.GetBytes(sequence)),
            [0xD2, 0x84], 1, false);

    public async ValueTask DisposeAsync()
    {
        await Record.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
