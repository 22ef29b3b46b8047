using Vigil.Record.Readings;

namespace Vigil.Record.Storage;

/// <summary>A reading as it will be stored.</summary>
/// <param name="Reading">The reading.</param>
/// <param name="SealedValues">Its values, unit, flags and code, sealed.</param>
/// <param name="SealedVerdict">Its verdict, sealed.</param>
internal readonly record struct ReadingRow(StoredReading Reading, byte[] SealedValues, byte[] SealedVerdict);
