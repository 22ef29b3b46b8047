using System.Buffers.Binary;

namespace Vigil.Protocol.Replay;

/// <summary>
/// Per-device anti-replay window over 64-bit sequence numbers, after the IPsec window (RFC 4303
/// §3.4.3) in the ring-of-blocks form of RFC 6479: a bitmap of <c>W</c> bits arranged as
/// <c>W/64</c> 64-bit blocks used as a ring. Bit <c>s mod W</c> records whether sequence number
/// <c>s</c> was accepted. When the highest number <c>H</c> advances, the blocks it passes are
/// cleared (at most all of them), so advancing costs O(W/64) at worst and checking O(1).
///
/// Invariant: every number in <c>(H − (W − 64), H]</c> is remembered exactly; the last block
/// may be partly reused, hence the 64 subtracted. Numbers at or below <c>H − (W − 64)</c> are
/// <see cref="ReplayDecision.BelowWindow"/>. Memory is <c>W/8 + 24</c> bytes whatever the
/// traffic: 1,048 bytes for the default 8,192 bits, enough for 8,128 batches of backfill
/// (28 days of 5-minute CGM batches, 22 hours of 10-second ECG batches).
///
/// Checking and committing are separate so that a caller marks a number seen only once the
/// batch is durably stored. Not thread-safe: one owner (the device's actor) at a time.
/// </summary>
public sealed class ReplayWindow
{
    /// <summary>The default window in bits.</summary>
    public const int DefaultBits = 8192;

    private const byte FormatVersion = 1;
    private const int HeaderLength = 1 + 4 + 1 + 8;

    private readonly ulong[] _blocks;
    private ulong _highest;
    private bool _any;

    /// <summary>Creates an empty window of <paramref name="bits"/> bits: a power of two from 128 to 65,536.</summary>
    public ReplayWindow(int bits = DefaultBits)
    {
        if (bits is < 128 or > 65_536 || !int.IsPow2(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "The window must be a power of two from 128 to 65536 bits.");
        }

        _blocks = new ulong[bits / 64];
    }

    /// <summary>The window size in bits.</summary>
    public int Bits => _blocks.Length * 64;

    /// <summary>How many sequence numbers below the highest are remembered exactly.</summary>
    public ulong Span => (ulong)Bits - 64;

    /// <summary>The highest sequence number accepted, or null before the first.</summary>
    public ulong? Highest => _any ? _highest : null;

    /// <summary>Says what accepting <paramref name="sequence"/> would be, without changing the window.</summary>
    public ReplayDecision Check(ulong sequence)
    {
        if (!_any || sequence > _highest)
        {
            return ReplayDecision.Fresh;
        }

        if (_highest - sequence >= Span)
        {
            return ReplayDecision.BelowWindow;
        }

        return (_blocks[BlockOf(sequence)] & BitOf(sequence)) != 0 ? ReplayDecision.Duplicate : ReplayDecision.Backfill;
    }

    /// <summary>Marks <paramref name="sequence"/> as seen, if <see cref="Check"/> allows it; returns the decision.</summary>
    public ReplayDecision Commit(ulong sequence)
    {
        var decision = Check(sequence);
        switch (decision)
        {
            case ReplayDecision.Fresh:
                Advance(sequence);
                _blocks[BlockOf(sequence)] |= BitOf(sequence);
                break;
            case ReplayDecision.Backfill:
                _blocks[BlockOf(sequence)] |= BitOf(sequence);
                break;
        }

        return decision;
    }

    /// <summary>The window as bytes: version, size, flag, highest, bitmap (all big-endian).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderLength + (_blocks.Length * 8)];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), Bits);
        bytes[5] = _any ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(6), _highest);
        for (var i = 0; i < _blocks.Length; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(HeaderLength + (i * 8)), _blocks[i]);
        }

        return bytes;
    }

    /// <summary>Restores a window from <see cref="ToBytes"/>; null if the bytes are not a window.</summary>
    public static ReplayWindow? FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength || bytes[0] != FormatVersion || bytes[5] > 1)
        {
            return null;
        }

        var bits = BinaryPrimitives.ReadInt32BigEndian(bytes[1..]);
        if (bits is < 128 or > 65_536 || !int.IsPow2(bits) || bytes.Length != HeaderLength + (bits / 8))
        {
            return null;
        }

        var window = new ReplayWindow(bits) { _any = bytes[5] == 1, _highest = BinaryPrimitives.ReadUInt64BigEndian(bytes[6..]) };
        for (var i = 0; i < window._blocks.Length; i++)
        {
            window._blocks[i] = BinaryPrimitives.ReadUInt64BigEndian(bytes[(HeaderLength + (i * 8))..]);
        }

        return window;
    }

    private void Advance(ulong sequence)
    {
        if (!_any)
        {
            Array.Clear(_blocks);
            _any = true;
            _highest = sequence;
            return;
        }

        var from = _highest / 64;
        var to = sequence / 64;
        var steps = Math.Min(to - from, (ulong)_blocks.Length);
        for (ulong i = 1; i <= steps; i++)
        {
            _blocks[(int)((from + i) % (ulong)_blocks.Length)] = 0;
        }

        _highest = sequence;
    }

    private int BlockOf(ulong sequence) => (int)(sequence / 64 % (ulong)_blocks.Length);

    private static ulong BitOf(ulong sequence) => 1UL << (int)(sequence % 64);
}
