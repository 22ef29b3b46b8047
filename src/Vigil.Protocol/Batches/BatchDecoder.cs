using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Runtime.InteropServices;
using System.Text;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Protocol.Cbor;

namespace Vigil.Protocol.Batches;

/// <summary>
/// Reads the protocol's CBOR batch payload from untrusted bytes. Map keys must be known and in
/// ascending order; every reading must conform to its kind (<see cref="MeasurementCatalog"/>);
/// counts and sizes are held to <see cref="ProtocolLimits"/>. Every count or length beyond its
/// limit (readings, values, waveform samples, text) is <see cref="OpenFailure.Oversized"/>, one
/// code for the kind, wherever in the payload it is. Never throws on bad input.
/// </summary>
internal static class BatchDecoder
{
    /// <summary>Decodes a payload.</summary>
    public static ParseResult<BatchContent> TryDecode(ReadOnlyMemory<byte> payload, ProtocolLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (CborGuard.Check(payload, limits) is { } failure)
        {
            return ParseResult<BatchContent>.Fail(failure, "batch payload failed the CBOR guard");
        }

        try
        {
            return Decode(new CborReader(payload, CborConformanceMode.Strict), limits);
        }
        catch (LimitExceededException e)
        {
            return ParseResult<BatchContent>.Fail(OpenFailure.Oversized, e.Message);
        }
        catch (Exception e) when (DecodeFailures.IsDecodeFailure(e))
        {
            return ParseResult<BatchContent>.Fail(OpenFailure.Malformed, "the batch payload is not the CBOR map the protocol specifies");
        }
    }

    private static ParseResult<BatchContent> Decode(CborReader reader, ProtocolLimits limits)
    {
        var map = new OrderedKeys(reader, reader.ReadStartMap());
        map.Expect(BatchKeys.Version);
        if (reader.ReadInt32() != HeaderLabels.PayloadVersion)
        {
            return ParseResult<BatchContent>.Fail(OpenFailure.UnsupportedVersion, "batch version");
        }

        map.Expect(BatchKeys.DeviceId);
        var idText = ReadText(reader, limits);
        if (!DeviceId.TryParse(idText, out var deviceId))
        {
            return ParseResult<BatchContent>.Fail(OpenFailure.InvalidContent, "device id is not valid");
        }

        map.Expect(BatchKeys.Sequence);
        var sequence = reader.ReadUInt64();
        map.Expect(BatchKeys.Created);
        var createdMs = checked((long)reader.ReadUInt64());
        if (!ProtocolTime.IsValidMilliseconds(createdMs))
        {
            return ParseResult<BatchContent>.Fail(OpenFailure.InvalidContent, "created lies outside 1970-01-01 to 2099-12-31");
        }

        var created = DateTimeOffset.FromUnixTimeMilliseconds(createdMs);
        map.Expect(BatchKeys.FirmwareDigest);
        var digest = reader.ReadByteString();
        if (digest.Length != BatchContent.FirmwareDigestLength)
        {
            return ParseResult<BatchContent>.Fail(OpenFailure.InvalidContent, "firmware digest must be 32 bytes");
        }

        map.Expect(BatchKeys.Readings);
        var count = reader.ReadStartArray() ?? 0;
        if (count > limits.MaxReadings)
        {
            return ParseResult<BatchContent>.Fail(OpenFailure.Oversized, $"more than {limits.MaxReadings} readings");
        }

        var readings = new Reading[count];
        for (var i = 0; i < count; i++)
        {
            var reading = ReadReading(reader, createdMs, limits, out var problem);
            if (reading is null)
            {
                return ParseResult<BatchContent>.Fail(OpenFailure.InvalidContent, $"reading {i}: {problem}");
            }

            readings[i] = reading;
        }

        reader.ReadEndArray();
        map.End();
        return ParseResult<BatchContent>.Ok(new BatchContent(deviceId, sequence, created, digest, readings));
    }

    private static Reading? ReadReading(CborReader reader, long createdMs, ProtocolLimits limits, out string? problem)
    {
        var map = new OrderedKeys(reader, reader.ReadStartMap());
        map.Expect(BatchKeys.Kind);
        var kind = (MeasurementKind)reader.ReadInt32();
        map.Expect(BatchKeys.TimeOffset);
        var timeMs = checked(createdMs + reader.ReadInt64());
        if (!ProtocolTime.IsValidMilliseconds(timeMs))
        {
            problem = "its time lies outside 1970-01-01 to 2099-12-31";
            return null;
        }

        var time = DateTimeOffset.FromUnixTimeMilliseconds(timeMs);
        double[] values = [];
        if (map.Optional(BatchKeys.Values))
        {
            var n = reader.ReadStartArray() ?? 0;
            if (n > limits.MaxValuesPerReading)
            {
                throw new LimitExceededException($"a reading has more than {limits.MaxValuesPerReading} values");
            }

            values = new double[n];
            for (var i = 0; i < n; i++)
            {
                values[i] = CborNumbers.Read(reader);
            }

            reader.ReadEndArray();
        }

        map.Expect(BatchKeys.Unit);
        var unit = ReadText(reader, limits);
        var flags = map.Optional(BatchKeys.Flags) ? (ReadingFlags)reader.ReadInt32() : ReadingFlags.None;
        var code = map.Optional(BatchKeys.Code) ? ReadText(reader, limits) : null;
        Waveform? waveform = null;
        if (map.Optional(BatchKeys.Waveform))
        {
            if (reader.ReadStartArray() != 3)
            {
                throw new FormatException("waveform must be [rate, scale, samples]");
            }

            var rate = reader.ReadInt32();
            var scale = CborNumbers.Read(reader);
            var bytes = reader.ReadByteString();
            reader.ReadEndArray();
            if (bytes.Length / 2 > limits.MaxWaveformSamples)
            {
                throw new LimitExceededException($"a waveform has more than {limits.MaxWaveformSamples} samples");
            }

            if (bytes.Length % 2 != 0)
            {
                problem = "waveform samples must be whole int16";
                return null;
            }

            waveform = new Waveform(rate, scale, SamplesFromBigEndian(bytes));
        }

        map.End();
        var reading = new Reading(kind, time, values, unit, flags, code, waveform);
        problem = MeasurementCatalog.Check(reading);
        return problem is null ? reading : null;
    }

    private static string ReadText(CborReader reader, ProtocolLimits limits)
    {
        var bytes = reader.ReadDefiniteLengthTextStringBytes();
        return bytes.Length <= limits.MaxTextBytes
            ? Encoding.UTF8.GetString(bytes.Span)
            : throw new LimitExceededException($"a text string is longer than {limits.MaxTextBytes} bytes");
    }

    // A count or length beyond its limit; its message names the limit, never the input.
    private sealed class LimitExceededException(string message) : Exception(message);

    private static short[] SamplesFromBigEndian(byte[] bytes)
    {
        var samples = MemoryMarshal.Cast<byte, short>(bytes.AsSpan()).ToArray();
        if (BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(samples, samples);
        }

        return samples;
    }
}
