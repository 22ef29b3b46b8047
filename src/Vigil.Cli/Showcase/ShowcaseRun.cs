using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Identity.Certificates;
using Vigil.Identity.Provisioning;
using Vigil.Protocol;
using Vigil.Protocol.Envelopes;
using Vigil.Protocol.Sealing;
using Vigil.Simulator.Sensors;

namespace Vigil.Cli.Showcase;

/// <summary>
/// The self-contained showcase behind <c>vigil demo</c>: simulated devices seal batches, the
/// platform opens them, and an attacker on the relay tries tampering, replay, forgery and junk.
/// </summary>
internal static class ShowcaseRun
{
    public static IReadOnlyList<ShowcaseRow> Run(DataFolder folder, TimeProvider time)
    {
        ShowcaseFleet.EnsureMinted(folder, time);
        using var platform = new ShowcasePlatform(folder, time);
        var fleet = ShowcaseFleet.Open(folder, platform.Recipient, time);
        var random = new Random();
        var rows = new List<ShowcaseRow>();
        var sealedByKind = new Dictionary<SensorKind, byte[]>();

        foreach (var (kind, sealer, element) in fleet)
        {
            var batch = sealer.Seal(SensorReadings.Batch(kind, time.GetUtcNow(), random));
            sealedByKind[kind] = batch.Envelope;
            var (code, detail) = platform.Receive(batch.Envelope);
            rows.Add(new ShowcaseRow($"{KindName(kind)} seals, relay forwards, platform opens", "-", element.DeviceId.Value, "accepted", code, detail));
        }

        var cgm = fleet[0];
        var captured = sealedByKind[SensorKind.ContinuousGlucoseMonitor];
        var leaks = captured.AsSpan().IndexOf("mg/dL"u8) >= 0;
        rows.Add(new ShowcaseRow("relay reads the captured CGM batch", "T01", cgm.Element.DeviceId.Value, "ciphertext-only",
            leaks ? "plaintext-visible" : "ciphertext-only", $"{captured.Length} B, nothing in clear"));

        var tampered = sealedByKind[SensorKind.EcgPatch].ToArray();
        tampered[^40] ^= 0x20;
        rows.Add(Attack("relay alters one byte of an ECG batch", "T02", fleet[3].Element.DeviceId, Outcomes.DecryptionFailed.Code, platform.Receive(tampered)));

        rows.Add(Attack("relay re-sends a captured CGM batch", "T04", cgm.Element.DeviceId, Outcomes.Replay.Code, platform.Receive(captured)));

        var buffered = Enumerable.Range(0, 3).Select(_ => cgm.Sealer.Seal(SensorReadings.Batch(SensorKind.ContinuousGlucoseMonitor, time.GetUtcNow(), random))).ToList();
        var live = cgm.Sealer.Seal(SensorReadings.Batch(SensorKind.ContinuousGlucoseMonitor, time.GetUtcNow(), random));
        platform.Receive(live.Envelope);
        foreach (var late in buffered.AsEnumerable().Reverse())
        {
            rows.Add(Attack($"relay was offline; forwards buffered #{late.Sequence} late", "-", cgm.Element.DeviceId, "accepted", platform.Receive(late.Envelope)));
        }

        rows.Add(Attack("late batch forwarded a second time", "T04", cgm.Element.DeviceId, Outcomes.Replay.Code, platform.Receive(buffered[0].Envelope)));
        rows.Add(Attack("attacker signs a CGM batch without the device key", "T03", cgm.Element.DeviceId, Outcomes.BadSignature.Code, platform.Receive(Forge(cgm.Element.DeviceId, cgm.Element.KeyId, platform, time))));
        rows.Add(Attack("attacker uses a certificate from an untrusted CA", "T03", cgm.Element.DeviceId, Outcomes.UnknownKeyId.Code, platform.Receive(ForgeWithRogueCa(cgm.Element.DeviceId, platform, time))));

        var fromOximeter = EnvelopeCodec.TryDecode(sealedByKind[SensorKind.PulseOximeter], Protocol.ProtocolLimits.Default).Value!;
        var cuffHeader = EnvelopeCodec.TryDecode(sealedByKind[SensorKind.BloodPressureCuff], Protocol.ProtocolLimits.Default).Value!;
        rows.Add(Attack("relay pastes an oximeter batch under the cuff's header", "T02", fleet[2].Element.DeviceId, Outcomes.DecryptionFailed.Code,
            platform.Receive(EnvelopeCodec.Encode(cuffHeader.ProtectedHeader, fromOximeter.Ciphertext))));

        rows.Add(Attack("random bytes", "T15", null, Outcomes.Malformed.Code, platform.Receive(RandomNumberGenerator.GetBytes(300))));
        rows.Add(Attack("CBOR nested 500 levels deep", "T15", null, Outcomes.NestingTooDeep.Code, platform.Receive(DeeplyNested(500))));
        rows.Add(Attack("a 1 MiB message", "T15", null, Outcomes.Oversized.Code, platform.Receive(new byte[1 << 20])));
        return rows;
    }

    private static string KindName(SensorKind kind) => kind switch
    {
        SensorKind.ContinuousGlucoseMonitor => "CGM",
        SensorKind.PulseOximeter => "pulse oximeter",
        SensorKind.BloodPressureCuff => "BP cuff",
        SensorKind.EcgPatch => "ECG patch",
        _ => "breath mask",
    };

    private static ShowcaseRow Attack(string scenario, string threat, DeviceId? device, string expected, (string Code, string Detail) outcome) =>
        new(scenario, threat, device?.Value ?? "-", expected, outcome.Code, outcome.Detail);

    private static byte[] Forge(DeviceId victim, byte[] victimKid, ShowcasePlatform platform, TimeProvider time)
    {
        using var attackerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var session = SealingSession.Begin(victim, platform.Recipient, time.GetUtcNow());
        var batch = FakeBatch(victim, time, 95);
        return BatchSealer.Seal(batch, attackerKey, victimKid, session);
    }

    private static byte[] ForgeWithRogueCa(DeviceId victim, ShowcasePlatform platform, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var rogue = MakerAuthority.Create("Rogue Maker", now.AddDays(-1), TimeSpan.FromDays(30));
        using var certificate = rogue.IssueDevice(victim, new DeviceAttributes("VG-CGM", "X", "001", "1.0.0"), now.AddMinutes(-5), now.AddDays(10));
        using var key = certificate.GetECDsaPrivateKey()!;
        var session = SealingSession.Begin(victim, platform.Recipient, now);
        return BatchSealer.Seal(FakeBatch(victim, time, 97), key, CertificateKeyId.Of(certificate), session);
    }

    private static BatchContent FakeBatch(DeviceId device, TimeProvider time, double glucose)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        return new BatchContent(device, ulong.MaxValue / 2, now, SHA256.HashData(Encoding.UTF8.GetBytes("fw")),
            [Reading.Single(MeasurementKind.Glucose, now, glucose, "mg/dL")]);
    }

    private static byte[] DeeplyNested(int depth)
    {
        var writer = new CborWriter();
        writer.WriteTag((CborTag)16);
        for (var i = 0; i < depth; i++)
        {
            writer.WriteStartArray(1);
        }

        writer.WriteNull();
        for (var i = 0; i < depth; i++)
        {
            writer.WriteEndArray();
        }

        return writer.Encode();
    }
}
