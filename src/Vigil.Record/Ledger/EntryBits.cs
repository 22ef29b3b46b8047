namespace Vigil.Record.Ledger;

/// <summary>One bit per ledger entry the audit covers.</summary>
internal sealed class EntryBits(long size)
{
    private readonly ulong[] _words = new ulong[(size + 63) / 64];

    /// <summary>Whether an entry's bit is set.</summary>
    public bool this[long index] => (_words[index >> 6] & (1UL << (int)(index & 63))) != 0;

    /// <summary>Sets an entry's bit.</summary>
    public void Set(long index) => _words[index >> 6] |= 1UL << (int)(index & 63);

    /// <summary>Clears an entry's bit.</summary>
    public void Clear(long index) => _words[index >> 6] &= ~(1UL << (int)(index & 63));

    /// <summary>The entries below <paramref name="count"/> whose bit is set (or, with <paramref name="set"/> false, clear), in order.</summary>
    public IEnumerable<long> Where(bool set, long count)
    {
        for (var word = 0; word < _words.Length && (long)word * 64 < count; word++)
        {
            var bits = set ? _words[word] : ~_words[word];
            while (bits != 0)
            {
                var index = ((long)word * 64) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (index >= count)
                {
                    yield break;
                }

                yield return index;
                bits &= bits - 1;
            }
        }
    }
}
