using System.Security.Cryptography;
using Vigil.Domain.Readings;

namespace Vigil.Protocol.Sealing;

/// <summary>Seal: sign the batch with the device key, then encrypt it to the platform in a session.</summary>
public static class BatchSealer
{
    /// <summary>Seals a batch into the bytes a relay carries.</summary>
    public static byte[] Seal(BatchContent batch, ECDsa deviceKey, byte[] deviceKeyId, SealingSession session)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(session);
        if (batch.DeviceId != session.DeviceId)
        {
            throw new ArgumentException("The batch and the session belong to different devices.", nameof(batch));
        }

        var signed = BatchSigner.Sign(batch, deviceKey, deviceKeyId, session);
        return session.Encrypt(signed, batch.Sequence);
    }
}
