namespace Vigil.Device.SecureElements;

/// <summary>A counter held in memory, for simulated devices whose life is one process.</summary>
/// <param name="start">The first value returned.</param>
public sealed class MemorySequenceCounter(ulong start = 1) : ISequenceCounter
{
    private long _next = checked((long)start);

    /// <inheritdoc />
    public ulong Next() => (ulong)(Interlocked.Increment(ref _next) - 1);
}
