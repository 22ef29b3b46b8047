using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Vigil.Domain.Devices;
using Vigil.Protocol.Opening;

namespace Vigil.Protocol.Benchmarks;

/// <summary>
/// Seal and Open of one batch, beside the bare primitives they cannot avoid, on the same bytes:
/// one ECDSA P-256 verification of a message of the signed batch's size, and one AES-256-GCM
/// decryption of the envelope's ciphertext size. The session is warm (its ECDH done), as it is
/// for every batch but the first of a session.
/// </summary>
[MemoryDiagnoser]
public class SealOpenBenchmarks
{
    private BenchPlatform _platform = null!;
    private ECDsa _verifyKey = null!;
    private byte[] _message = null!;
    private byte[] _signature = null!;
    private AesGcm _gcm = null!;
    private byte[] _nonce = null!;
    private byte[] _ciphertext = null!;
    private byte[] _tag = null!;
    private byte[] _plain = null!;

    /// <summary>The batch measured.</summary>
    [Params(SensorKind.ContinuousGlucoseMonitor, SensorKind.EcgPatch)]
    public SensorKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _platform = new BenchPlatform(Kind);
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _verifyKey = ECDsa.Create(signer.ExportParameters(false));
        _message = RandomNumberGenerator.GetBytes(_platform.SignedBatch.Length);
        _signature = signer.SignData(_message, HashAlgorithmName.SHA256);
        _gcm = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        _nonce = RandomNumberGenerator.GetBytes(12);
        _plain = new byte[_platform.SignedBatch.Length];
        _ciphertext = new byte[_plain.Length];
        _tag = new byte[16];
        _gcm.Encrypt(_nonce, RandomNumberGenerator.GetBytes(_plain.Length), _ciphertext, _tag);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _platform.Dispose();
        _verifyKey.Dispose();
        _gcm.Dispose();
    }

    /// <summary>Reference: ECDSA P-256 verify of the signed batch's size.</summary>
    [Benchmark]
    public bool ReferenceVerify() => _verifyKey.VerifyData(_message, _signature, HashAlgorithmName.SHA256);

    /// <summary>Reference: AES-256-GCM decryption of the same size.</summary>
    [Benchmark]
    public byte[] ReferenceDecrypt()
    {
        _gcm.Decrypt(_nonce, _ciphertext, _tag, _plain);
        return _plain;
    }

    /// <summary>Open a sealed batch (warm session).</summary>
    [Benchmark]
    public OpenResult Open() => _platform.Opener.Open(_platform.Envelope);

    /// <summary>Seal a batch (warm session): encode, sign, encrypt.</summary>
    [Benchmark]
    public byte[] Seal() => _platform.Sealer.Seal(_platform.Readings).Envelope;
}
