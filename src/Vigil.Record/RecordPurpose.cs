namespace Vigil.Record;

/// <summary>What a record was made for (<see cref="RecordProfile"/>).</summary>
public enum RecordPurpose
{
    /// <summary>Patient data under monitoring: always protected, served by <c>vigil serve</c>.</summary>
    Clinical,

    /// <summary>A reference record of <c>vigil bench ingest</c>: never served by <c>vigil serve</c>.</summary>
    Benchmark,
}
