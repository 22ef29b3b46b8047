using System.Formats.Cbor;
using System.Security.Cryptography.Cose;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Protocol.Cbor;
using Vigil.Protocol.Envelopes;

namespace Vigil.Protocol.Opening;

/// <summary>The protected header of the inner COSE_Sign1, read from untrusted bytes.</summary>
/// <param name="KeyId">The device certificate's kid.</param>
/// <param name="DeviceId">The device id.</param>
/// <param name="Sequence">The sequence number.</param>
/// <param name="CreatedMs">The creation time, Unix milliseconds.</param>
/// <param name="Signature">The signed session and the digest of the signed content.</param>
internal sealed record SignedBatchHeaders(byte[] KeyId, DeviceId DeviceId, ulong Sequence, long CreatedMs, BatchSignature Signature)
{

    /// <summary>Decodes the COSE_Sign1 and its protected header; the signature is not checked here.</summary>
    public static ParseResult<Parsed> TryRead(byte[] signed)
    {
        try
        {
            var reader = new CborReader(signed);
            if (reader.PeekState() != CborReaderState.Tag || (ulong)reader.ReadTag() != HeaderLabels.TagSign1)
            {
                return ParseResult<Parsed>.Fail(OpenFailure.Malformed, "not a tagged COSE_Sign1");
            }

            var message = CoseMessage.DecodeSign1(signed);
            var headers = message.ProtectedHeaders;
            if (!headers.TryGetValue(CoseHeaderLabel.Algorithm, out var alg) || alg.GetValueAsInt32() != HeaderLabels.AlgEs256)
            {
                return ParseResult<Parsed>.Fail(OpenFailure.UnsupportedAlgorithm, "signature algorithm must be ES256");
            }

            if (message.Content is not { } content)
            {
                return ParseResult<Parsed>.Fail(OpenFailure.Malformed, "COSE_Sign1 payload must be embedded");
            }

            if (!headers.TryGetValue(CoseHeaderLabel.KeyIdentifier, out var kid)
                || !headers.TryGetValue(new CoseHeaderLabel(HeaderLabels.DeviceId), out var device)
                || !headers.TryGetValue(new CoseHeaderLabel(HeaderLabels.Sequence), out var sequence)
                || !headers.TryGetValue(new CoseHeaderLabel(HeaderLabels.Created), out var created)
                || !headers.TryGetValue(new CoseHeaderLabel(HeaderLabels.SessionId), out var session)
                || !headers.TryGetValue(new CoseHeaderLabel(HeaderLabels.SessionStart), out var start))
            {
                return ParseResult<Parsed>.Fail(OpenFailure.Malformed, "signature protected header misses a required field");
            }

            var kidBytes = kid.GetValueAsBytes();
            var sessionId = session.GetValueAsBytes();
            if (kidBytes.Length != CertificateKeyId.Length || sessionId.Length != EnvelopeHeader.SessionIdLength
                || !DeviceId.TryParse(device.GetValueAsString(), out var deviceId))
            {
                return ParseResult<Parsed>.Fail(OpenFailure.Malformed, "signature kid, device id or session id is not valid");
            }

            var seq = new CborReader(sequence.EncodedValue).ReadUInt64();
            var createdMs = checked((long)new CborReader(created.EncodedValue).ReadUInt64());
            var startSeconds = checked((long)new CborReader(start.EncodedValue).ReadUInt64());
            if (!ProtocolTime.IsValidSeconds(startSeconds) || !ProtocolTime.IsValidMilliseconds(createdMs))
            {
                return ParseResult<Parsed>.Fail(OpenFailure.Malformed, "signature times lie outside 1970-01-01 to 2099-12-31");
            }

            var signature = new BatchSignature(sessionId, startSeconds, BatchSignature.ContentDigestOf(message.RawProtectedHeaders.Span, content.Span));
            return ParseResult<Parsed>.Ok(new Parsed(message, new SignedBatchHeaders(kidBytes, deviceId, seq, createdMs, signature)));
        }
        catch (Exception e) when (DecodeFailures.IsDecodeFailure(e))
        {
            return ParseResult<Parsed>.Fail(OpenFailure.Malformed, "signed batch is not a well-formed COSE_Sign1 with the protocol's header");
        }
    }

    /// <summary>A decoded COSE_Sign1 and its headers.</summary>
    internal sealed record Parsed(CoseSign1Message Message, SignedBatchHeaders Headers);
}
