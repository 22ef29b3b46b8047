using System.Diagnostics;
using System.Security.Cryptography;

namespace Vigil.Cli.Bench;

/// <summary>
/// The crypto floor of one batch on one core: one ECDSA P-256 verification plus one AES-256-GCM
/// decryption of the same sizes as a real sealed batch, each timed over a bounded loop.
/// </summary>
internal static class CryptoFloor
{
    public static TimeSpan Measure(int signedBytes, int ciphertextBytes, TimeSpan budget)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var verifier = ECDsa.Create(key.ExportParameters(false));
        var message = RandomNumberGenerator.GetBytes(signedBytes);
        var signature = key.SignData(message, HashAlgorithmName.SHA256);
        var verify = PerOperation(() => verifier.VerifyData(message, signature, HashAlgorithmName.SHA256), budget / 2);

        using var gcm = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = RandomNumberGenerator.GetBytes(ciphertextBytes);
        var ciphertext = new byte[ciphertextBytes];
        var tag = new byte[16];
        gcm.Encrypt(nonce, plain, ciphertext, tag);
        var decrypt = PerOperation(() => gcm.Decrypt(nonce, ciphertext, tag, plain), budget / 2);
        return verify + decrypt;
    }

    private static TimeSpan PerOperation(Action operation, TimeSpan budget)
    {
        for (var i = 0; i < 200; i++)
        {
            operation();
        }

        var count = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < budget)
        {
            for (var i = 0; i < 50; i++)
            {
                operation();
            }

            count += 50;
        }

        return Stopwatch.GetElapsedTime(started) / count;
    }
}
