namespace Vigil.Server.Gateway;

/// <summary>
/// Follows MQTT packet boundaries through a byte stream, however it is split into reads: a fixed
/// header byte, the remaining length as a variable byte integer of one to four bytes (MQTT 5
/// §1.5.5), then that many body bytes. It reports the first packet that announces more than the
/// limit, or a length that is not a valid variable byte integer, and the first packet whose type
/// byte MQTT 5 forbids (§2.1.3: a reserved type, reserved flags other than those the type requires,
/// a PUBLISH with QoS 3).
/// </summary>
internal struct MqttFixedHeaderScanner(int max)
{
    private long _bodyLeft;
    private int _lengthBytes;
    private long _length;
    private bool _inLength;

    /// <summary>The forbidden type byte when the last report was of one, else null.</summary>
    public byte? ForbiddenTypeByte { get; private set; }

    /// <summary>Whether a packet may begin with this byte (MQTT 5 §2.1.3).</summary>
    public static bool IsAllowedTypeByte(byte first) => (first >> 4) switch
    {
        0 => false,
        3 => (first & 0x06) != 0x06,
        6 or 8 or 10 => (first & 0x0F) == 0x02,
        _ => (first & 0x0F) == 0,
    };

    /// <summary>Whether the bytes so far end exactly at the end of a packet (or there were none).</summary>
    public readonly bool AtBoundary => _bodyLeft == 0 && !_inLength;

    /// <summary>
    /// Consumes bytes; returns the announced size of an oversized packet (or 0 for a forbidden type
    /// byte, see <see cref="ForbiddenTypeByte"/>), else null.
    /// </summary>
    public long? Scan(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (_bodyLeft > 0)
            {
                var skip = (int)Math.Min(_bodyLeft, bytes.Length - i);
                _bodyLeft -= skip;
                i += skip;
            }
            else if (!_inLength)
            {
                if (!IsAllowedTypeByte(bytes[i]))
                {
                    ForbiddenTypeByte = bytes[i];
                    return 0;
                }

                _inLength = true;
                _length = 0;
                _lengthBytes = 0;
                i++;
            }
            else
            {
                var b = bytes[i++];
                _length |= (long)(b & 0x7F) << (7 * _lengthBytes);
                _lengthBytes++;
                if ((b & 0x80) != 0 && _lengthBytes < 4)
                {
                    continue;
                }

                _inLength = false;
                if (_length > max || (b & 0x80) != 0)
                {
                    return _length;
                }

                _bodyLeft = _length;
            }
        }

        return null;
    }
}
