using Vigil.Device.SecureElements;

namespace Vigil.Platform.Tests;

/// <summary>A counter that hands out given numbers in order: two of them make interleaving counters.</summary>
public sealed class SequenceList(params ulong[] values) : ISequenceCounter
{
    private int _next;

    public ulong Next() => values[_next++];
}
