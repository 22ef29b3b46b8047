namespace Vigil.Server.Gateway;

/// <summary>
/// Follows MQTT packet boundaries through a byte stream, however it is split into reads: a fixed
/// header byte, the remaining length as a variable byte integer of one to four bytes (MQTT 5
/// §1.5.5), then that many body bytes. It reports the first packet that announces more than the
/// limit, or a length that is not a valid variable byte integer.
/// </summary>
internal struct MqttFixedHeaderScanner(int max)
{
    private long _bodyLeft;
    private int _lengthBytes;
    private long _length;
    private bool _inLength;

    /// <summary>Consumes bytes; returns the announced size of an oversized packet, else null.</summary>
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
