namespace Vigil.Fuzz;

/// <summary>
/// One parser that sees untrusted bytes. <see cref="Run"/> must return for any input: every
/// exception it lets out is a crash (the parsers promise a result for every input, never a throw).
/// </summary>
/// <param name="Name">The name the script and the seed corpus use.</param>
/// <param name="Reads">What untrusted input it reads, and from whom.</param>
/// <param name="Run">Parses one input.</param>
/// <param name="Seeds">Valid inputs to start from: protocol vectors and simulator output.</param>
internal sealed record FuzzTarget(string Name, string Reads, Action<byte[]> Run, Func<IEnumerable<byte[]>> Seeds);
