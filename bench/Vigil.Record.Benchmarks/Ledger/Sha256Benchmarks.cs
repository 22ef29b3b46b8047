using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Vigil.Record.Ledger;

namespace Vigil.Record.Benchmarks.Ledger;

/// <summary>
/// One SHA-256 of the sizes the audit hashes (a tree node, a sealed batch, a ledger leaf): the
/// runtime's hash through a reused context (the plain path, <see cref="Sha256"/>'s fallback)
/// beside OpenSSL's digest called directly (the fast path) and the runtime's one-shot hash.
/// </summary>
[MemoryDiagnoser]
public class Sha256Benchmarks
{
    private readonly byte[] _hash = new byte[32];
    private byte[] _input = [];

    /// <summary>The bytes hashed.</summary>
    [Params(65, 350, 600)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!Sha256.CanCallOpenSsl)
        {
            throw new InvalidOperationException("OpenSSL's digest cannot be called directly here: there is no fast path to measure.");
        }

        _input = RandomNumberGenerator.GetBytes(Size);
    }

    /// <summary>The plain path: the runtime's SHA-256 through a hash context reused per thread.</summary>
    [Benchmark(Baseline = true)]
    public byte[] Runtime()
    {
        Sha256.RuntimeHash(_input, _hash);
        return _hash;
    }

    /// <summary>The runtime's one-shot SHA-256 (a context set up and freed per call).</summary>
    [Benchmark]
    public int RuntimeOneShot() => SHA256.HashData(_input, _hash);

    /// <summary>The fast path: OpenSSL's digest called directly.</summary>
    [Benchmark]
    public bool OpenSsl() => Sha256.OpenSslHash(_input, _hash);
}
