namespace Vigil.Record.Tests;

/// <summary>Tests that switch the record's <see cref="FastPaths"/> off for the whole process: they run alone.</summary>
[CollectionDefinition(nameof(FastPathSwitch), DisableParallelization = true)]
public sealed class FastPathSwitch;
