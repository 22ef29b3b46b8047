using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Device.Sealing;
using Vigil.Device.SecureElements;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Batches;
using Vigil.Protocol.Sealing;
using Vigil.Simulator.Sensors;

namespace Vigil.Fuzz;

/// <summary>Valid inputs the fuzzers start from: the published protocol vectors and batches as the simulator's devices seal them.</summary>
internal static class Seeds
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<IReadOnlyList<(byte[] Payload, byte[] Signed, byte[] Envelope)>> Simulated = new(Seal);

    /// <summary>The protocol vectors' field, hex-decoded (docs/protocol-vectors.json, beside the fuzzer).</summary>
    public static IEnumerable<byte[]> FromVectors(string field)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "protocol-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            if (vector.TryGetProperty(field, out var value) && value.GetString() is { Length: > 0 } hex)
            {
                yield return Convert.FromHexString(hex);
            }
        }
    }

    /// <summary>Payloads, signed batches or envelopes of each simulated sensor kind.</summary>
    public static IEnumerable<byte[]> FromSimulator(Func<(byte[] Payload, byte[] Signed, byte[] Envelope), byte[]> pick) => Simulated.Value.Select(pick);

    private static List<(byte[], byte[], byte[])> Seal()
    {
        var maker = MakerAuthority.Create("Fuzz Maker", At.AddDays(-10), TimeSpan.FromDays(3650));
        using var ingest = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var recipient = new RecipientKey(ingest.ExportParameters(false), RandomNumberGenerator.GetBytes(16));
        var random = new Random(13);
        var sealedBatches = new List<(byte[], byte[], byte[])>();
        foreach (var kind in Enum.GetValues<SensorKind>())
        {
            var id = DeviceId.Parse($"fuzz-{(int)kind}");
            var certificate = maker.IssueDevice(id, new DeviceAttributes("FZ", "L1", ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture), "1.0"), At.AddDays(-1), At.AddDays(30));
            var sealer = new DeviceSealer(new SoftwareSecureElement(certificate, new MemorySequenceCounter()), recipient, SHA256.HashData("firmware"u8), new FixedTime(At));
            var readings = SensorReadings.Batch(kind, At, random);
            var batch = sealer.Seal(readings);
            var payload = BatchEncoder.Encode(new BatchContent(id, batch.Sequence, batch.Created, SHA256.HashData("firmware"u8), [.. readings]));
            sealedBatches.Add((payload, batch.SignedBatch, batch.Envelope));
        }

        return sealedBatches;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
