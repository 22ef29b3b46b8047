using System.Security.Cryptography;
using Vigil.Domain.Devices;
using Vigil.Identity.Keys;
using Vigil.Record.Batches;
using Vigil.Record.Registry;
using Vigil.Tests.Shared;

namespace Vigil.Record.Tests;

/// <summary>A record in a fresh database of a kind, with a file key store beside it.</summary>
public sealed class RecordFixture : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-record-").FullName;

    public RecordFixture(StoreKind kind = StoreKind.Sqlite)
    {
        Database = new TestDatabase(kind, _folder);
        Keys = new FileKeyStore(Path.Combine(_folder, "keys"));
        Record = RecordStore.Open(Database.Connect(), Keys, TimeProvider.System);
    }

    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000);

    public TestDatabase Database { get; }

    public IKeyStore Keys { get; }

    public string Folder => _folder;

    public RecordStore Record { get; private set; }

    public async Task ReopenAsync()
    {
        await Record.DisposeAsync();
        Record = RecordStore.Open(Database.Connect(), Keys, TimeProvider.System);
    }

    public static DeviceRecord Device(string id, string? kid = null) =>
        new(DeviceId.Parse(id), kid ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), [1, 2, 3], "M", "L", "S-" + id, "1.0", DeviceStatus.Active, null, Now, null);

    public static AcceptedBatch Batch(string device, ulong sequence, string source = "test") =>
        new(DeviceId.Parse(device), sequence, Now, Now.AddSeconds(1), source, new byte[16], new byte[32], SHA256.HashData(BitConverter.GetBytes(sequence)),
            [0xD2, 0x84], 1, false);

    public async ValueTask DisposeAsync()
    {
        await Record.DisposeAsync();
        Database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
