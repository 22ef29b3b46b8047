using System.Formats.Cbor;

namespace Vigil.Protocol.Batches;

/// <summary>
/// Numbers on the wire: an integral value within ±2^53 is written as a CBOR integer, any other
/// value as the shortest IEEE 754 float (half, single, double) that holds it exactly. Readers
/// accept any integer or float encoding.
/// </summary>
internal static class CborNumbers
{
    private const double MaxExactInteger = 9_007_199_254_740_992d;

    public static void Write(CborWriter writer, double value)
    {
        if (double.IsFinite(value) && Math.Abs(value) <= MaxExactInteger && Math.Floor(value) == value)
        {
            writer.WriteInt64((long)value);
        }
        else if ((double)(Half)value == value)
        {
            writer.WriteHalf((Half)value);
        }
        else if ((double)(float)value == value)
        {
            writer.WriteSingle((float)value);
        }
        else
        {
            writer.WriteDouble(value);
        }
    }

    public static double Read(CborReader reader) => reader.PeekState() switch
    {
        CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => ReadInteger(reader),
        CborReaderState.HalfPrecisionFloat => (double)reader.ReadHalf(),
        CborReaderState.SinglePrecisionFloat => reader.ReadSingle(),
        CborReaderState.DoublePrecisionFloat => reader.ReadDouble(),
        var other => throw new InvalidOperationException($"expected a number, found {other}"),
    };

    private static double ReadInteger(CborReader reader)
    {
        var value = reader.ReadInt64();
        return Math.Abs((double)value) <= MaxExactInteger
            ? value
            : throw new InvalidOperationException("integer beyond ±2^53");
    }
}
