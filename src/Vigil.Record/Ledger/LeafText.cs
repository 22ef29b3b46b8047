using System.Globalization;
using System.Text;

namespace Vigil.Record.Ledger;

/// <summary>
/// Writes a leaf's text (UTF-8, one <c>name value</c> field a line) straight into a buffer, so
/// that the auditor, which rebuilds a leaf for every entry, allocates once per leaf.
/// </summary>
internal ref struct LeafText
{
    private Span<byte> _buffer;
    private int _length;
    private byte[]? _rented;

    public LeafText(Span<byte> initial)
    {
        _buffer = initial;
        _length = 0;
        _rented = null;
    }

    /// <summary>Appends a field whose value is text.</summary>
    public void Field(string name, string value)
    {
        Name(name);
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length) + 1);
        _length += Encoding.UTF8.GetBytes(value, _buffer[_length..]);
        _buffer[_length++] = (byte)'\n';
    }

    /// <summary>Appends a field whose value is a number.</summary>
    public void Field(string name, long value) => Number(name, value);

    /// <summary>Appends a field whose value is an unsigned number.</summary>
    public void Field(string name, ulong value) => Number(name, value);

    /// <summary>Appends a field whose value is bytes, in lowercase hex.</summary>
    public void Hex(string name, ReadOnlySpan<byte> value)
    {
        Name(name);
        Ensure((2 * value.Length) + 1);
        Convert.TryToHexStringLower(value, _buffer[_length..], out var written);
        _length += written;
        _buffer[_length++] = (byte)'\n';
    }

    /// <summary>Appends a header line as it is.</summary>
    public void Line(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length) + 1);
        _length += Encoding.UTF8.GetBytes(text, _buffer[_length..]);
        _buffer[_length++] = (byte)'\n';
    }

    /// <summary>The leaf's bytes; the writer is done with.</summary>
    public byte[] ToArrayAndDispose()
    {
        var bytes = _buffer[.._length].ToArray();
        if (_rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(_rented);
        }

        return bytes;
    }

    private void Number<T>(string name, T value)
        where T : IUtf8SpanFormattable
    {
        Name(name);
        Ensure(21);
        value.TryFormat(_buffer[_length..], out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        _buffer[_length++] = (byte)'\n';
    }

    private void Name(string name)
    {
        Ensure(name.Length + 1);
        _length += Encoding.ASCII.GetBytes(name, _buffer[_length..]);
        _buffer[_length++] = (byte)' ';
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var grown = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer[.._length].CopyTo(grown);
        if (_rented is not null)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(_rented);
        }

        _rented = grown;
        _buffer = grown;
    }
}
