using System.Formats.Cbor;

namespace Vigil.Protocol.Cbor;

/// <summary>
/// A single pass over untrusted CBOR before any decoder sees it: it must be one well-formed data
/// item (strict mode: valid UTF-8, no duplicate map keys), use only definite lengths, nest no
/// deeper than the limit and hold no more items than the limit. A decoder that runs after the
/// guard may then assume a bounded, well-formed tree and report only schema errors.
/// </summary>
internal static class CborGuard
{
    /// <summary>Checks the data; returns null if it passes, else the failure.</summary>
    public static OpenFailure? Check(ReadOnlyMemory<byte> data, ProtocolLimits limits)
    {
        var reader = new CborReader(data, CborConformanceMode.Strict);
        var items = 0;
        try
        {
            while (true)
            {
                switch (reader.PeekState())
                {
                    case CborReaderState.Finished:
                        return null;
                    case CborReaderState.StartArray:
                        if (reader.ReadStartArray() is null)
                        {
                            return OpenFailure.Malformed;
                        }

                        break;
                    case CborReaderState.StartMap:
                        if (reader.ReadStartMap() is null)
                        {
                            return OpenFailure.Malformed;
                        }

                        break;
                    case CborReaderState.EndArray:
                        reader.ReadEndArray();
                        break;
                    case CborReaderState.EndMap:
                        reader.ReadEndMap();
                        break;
                    case CborReaderState.Tag:
                        reader.ReadTag();
                        break;
                    case CborReaderState.StartIndefiniteLengthByteString:
                    case CborReaderState.StartIndefiniteLengthTextString:
                        return OpenFailure.Malformed;
                    default:
                        reader.SkipValue();
                        break;
                }

                if (reader.CurrentDepth > limits.MaxNestingDepth)
                {
                    return OpenFailure.NestingTooDeep;
                }

                if (++items > limits.MaxItems)
                {
                    return OpenFailure.Oversized;
                }
            }
        }
        catch (CborContentException)
        {
            return OpenFailure.Malformed;
        }
        catch (InvalidOperationException)
        {
            return OpenFailure.Malformed;
        }
    }
}
