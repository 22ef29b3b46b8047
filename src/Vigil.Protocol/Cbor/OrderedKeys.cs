using System.Formats.Cbor;

namespace Vigil.Protocol.Cbor;

/// <summary>
/// Walks a definite-length CBOR map whose keys are small unsigned integers that must appear in
/// ascending order, some optional. Any unknown, repeated or out-of-order key is a format error.
/// </summary>
internal ref struct OrderedKeys
{
    private readonly CborReader _reader;
    private int _remaining;
    private uint? _peeked;

    public OrderedKeys(CborReader reader, int? count)
    {
        _reader = reader;
        _remaining = count ?? throw new FormatException("indefinite-length map");
    }

    /// <summary>Consumes the next key, which must be <paramref name="key"/>.</summary>
    public void Expect(uint key)
    {
        if (!Optional(key))
        {
            throw new FormatException($"missing map key {key}");
        }
    }

    /// <summary>Consumes the next key if it is <paramref name="key"/>; false if the map has moved past it.</summary>
    public bool Optional(uint key)
    {
        if (_peeked is null && _remaining > 0)
        {
            _peeked = _reader.ReadUInt32();
            _remaining--;
        }

        if (_peeked == key)
        {
            _peeked = null;
            return true;
        }

        if (_peeked is { } next && next < key)
        {
            throw new FormatException($"unexpected or out-of-order map key {next}");
        }

        return false;
    }

    /// <summary>Ends the map: every key must have been consumed.</summary>
    public readonly void End()
    {
        if (_peeked is not null || _remaining != 0)
        {
            throw new FormatException("unexpected map key");
        }

        _reader.ReadEndMap();
    }
}
