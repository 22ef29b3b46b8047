using System.Text.Json.Serialization;

namespace Vigil.Protocol.Tests.Vectors;

/// <summary>One test vector of docs/protocol-vectors.json; byte strings are lower-case hex.</summary>
public sealed record ProtocolVector
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("comment")] public required string Comment { get; init; }
    [JsonPropertyName("maker_ca_der")] public required string MakerCaDer { get; init; }
    [JsonPropertyName("device_certificate_der")] public required string DeviceCertificateDer { get; init; }
    [JsonPropertyName("device_kid")] public required string DeviceKid { get; init; }
    [JsonPropertyName("platform_ingest_private_d")] public required string PlatformPrivateD { get; init; }
    [JsonPropertyName("platform_ingest_certificate_der")] public required string PlatformCertificateDer { get; init; }
    [JsonPropertyName("recipient_kid")] public required string RecipientKid { get; init; }
    [JsonPropertyName("ephemeral_private_d")] public required string EphemeralPrivateD { get; init; }
    [JsonPropertyName("ephemeral_public_point")] public required string EphemeralPoint { get; init; }
    [JsonPropertyName("device_id")] public required string DeviceId { get; init; }
    [JsonPropertyName("session_id")] public required string SessionId { get; init; }
    [JsonPropertyName("session_start")] public required long SessionStart { get; init; }
    [JsonPropertyName("sequence")] public required ulong Sequence { get; init; }
    [JsonPropertyName("shared_secret")] public required string SharedSecret { get; init; }
    [JsonPropertyName("hkdf_info")] public required string HkdfInfo { get; init; }
    [JsonPropertyName("content_key")] public required string ContentKey { get; init; }
    [JsonPropertyName("base_iv")] public required string BaseIv { get; init; }
    [JsonPropertyName("nonce")] public required string Nonce { get; init; }
    [JsonPropertyName("payload")] public required string Payload { get; init; }
    [JsonPropertyName("signed_batch")] public required string SignedBatch { get; init; }
    [JsonPropertyName("signed_content_sha256")] public required string SignedContentSha256 { get; init; }
    [JsonPropertyName("protected_header")] public required string ProtectedHeader { get; init; }
    [JsonPropertyName("aad")] public required string Aad { get; init; }
    [JsonPropertyName("envelope")] public required string Envelope { get; init; }
    [JsonPropertyName("expected_result")] public required string ExpectedResult { get; init; }
    [JsonPropertyName("expected_batch")] public ExpectedBatch? Batch { get; init; }
}

/// <summary>The batch a vector must open to.</summary>
public sealed record ExpectedBatch
{
    [JsonPropertyName("created_ms")] public required long CreatedMs { get; init; }
    [JsonPropertyName("firmware_digest")] public required string FirmwareDigest { get; init; }
    [JsonPropertyName("readings")] public required IReadOnlyList<ExpectedReading> Readings { get; init; }
}

/// <summary>A reading a vector's batch must hold.</summary>
public sealed record ExpectedReading
{
    [JsonPropertyName("kind")] public required int Kind { get; init; }
    [JsonPropertyName("time_ms")] public required long TimeMs { get; init; }
    [JsonPropertyName("values")] public required IReadOnlyList<double> Values { get; init; }
    [JsonPropertyName("unit")] public required string Unit { get; init; }
    [JsonPropertyName("flags")] public int Flags { get; init; }
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("waveform_rate_hz")] public int? WaveformRateHz { get; init; }
    [JsonPropertyName("waveform_scale")] public double? WaveformScale { get; init; }
    [JsonPropertyName("waveform_samples")] public IReadOnlyList<short>? WaveformSamples { get; init; }
}

/// <summary>The vector file.</summary>
public sealed record ProtocolVectorFile
{
    [JsonPropertyName("description")] public required string Description { get; init; }
    [JsonPropertyName("vectors")] public required IReadOnlyList<ProtocolVector> Vectors { get; init; }
}
