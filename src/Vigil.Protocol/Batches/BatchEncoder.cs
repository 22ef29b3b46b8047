using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Runtime.InteropServices;
using Vigil.Domain.Readings;

namespace Vigil.Protocol.Batches;

/// <summary>
/// Writes a <see cref="BatchContent"/> as the protocol's CBOR payload, with map keys in
/// ascending order and definite lengths (deterministic encoding, RFC 8949 §4.2.1). Times are
/// carried at millisecond precision; finer parts are dropped.
/// </summary>
internal static class BatchEncoder
{
    /// <summary>Encodes a batch; throws if it breaks the schema (a bug on the sending side).</summary>
    public static byte[] Encode(BatchContent batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.FirmwareDigest.Length != BatchContent.FirmwareDigestLength)
        {
            throw new ArgumentException("The firmware digest must be 32 bytes.", nameof(batch));
        }

        var writer = new CborWriter(CborConformanceMode.Strict, convertIndefiniteLengthEncodings: true);
        var created = batch.Created.ToUnixTimeMilliseconds();
        writer.WriteStartMap(6);
        writer.WriteUInt32(BatchKeys.Version);
        writer.WriteInt32(HeaderLabels.PayloadVersion);
        writer.WriteUInt32(BatchKeys.DeviceId);
        writer.WriteTextString(batch.DeviceId.Value);
        writer.WriteUInt32(BatchKeys.Sequence);
        writer.WriteUInt64(batch.Sequence);
        writer.WriteUInt32(BatchKeys.Created);
        writer.WriteUInt64(checked((ulong)created));
        writer.WriteUInt32(BatchKeys.FirmwareDigest);
        writer.WriteByteString(batch.FirmwareDigest.Span);
        writer.WriteUInt32(BatchKeys.Readings);
        writer.WriteStartArray(batch.Readings.Count);
        foreach (var reading in batch.Readings)
        {
            WriteReading(writer, reading, created);
        }

        writer.WriteEndArray();
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static void WriteReading(CborWriter writer, Reading reading, long created)
    {
        if (MeasurementCatalog.Check(reading) is { } problem)
        {
            throw new ArgumentException($"Reading does not conform: {problem}.", nameof(reading));
        }

        var fields = 3 + (reading.Values.Count > 0 ? 1 : 0) + (reading.Flags != 0 ? 1 : 0)
            + (reading.Code is not null ? 1 : 0) + (reading.Waveform is not null ? 1 : 0);
        writer.WriteStartMap(fields);
        writer.WriteUInt32(BatchKeys.Kind);
        writer.WriteUInt32((uint)reading.Kind);
        writer.WriteUInt32(BatchKeys.TimeOffset);
        writer.WriteInt64(reading.Time.ToUnixTimeMilliseconds() - created);
        if (reading.Values.Count > 0)
        {
            writer.WriteUInt32(BatchKeys.Values);
            writer.WriteStartArray(reading.Values.Count);
            foreach (var value in reading.Values)
            {
                CborNumbers.Write(writer, value);
            }

            writer.WriteEndArray();
        }

        writer.WriteUInt32(BatchKeys.Unit);
        writer.WriteTextString(reading.Unit);
        if (reading.Flags != 0)
        {
            writer.WriteUInt32(BatchKeys.Flags);
            writer.WriteUInt32((uint)reading.Flags);
        }

        if (reading.Code is not null)
        {
            writer.WriteUInt32(BatchKeys.Code);
            writer.WriteTextString(reading.Code);
        }

        if (reading.Waveform is { } waveform)
        {
            writer.WriteUInt32(BatchKeys.Waveform);
            writer.WriteStartArray(3);
            writer.WriteUInt32((uint)waveform.SampleRateHz);
            CborNumbers.Write(writer, waveform.Scale);
            writer.WriteByteString(SamplesToBigEndian(waveform.Samples.Span));
            writer.WriteEndArray();
        }

        writer.WriteEndMap();
    }

    private static byte[] SamplesToBigEndian(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[samples.Length * 2];
        var target = MemoryMarshal.Cast<byte, short>(bytes.AsSpan());
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(samples, target);
        }
        else
        {
            samples.CopyTo(target);
        }

        return bytes;
    }
}
