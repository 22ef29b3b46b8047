using Vigil.Protocol;

namespace Vigil.Platform.Ingest;

/// <summary>What ingest did with a batch.</summary>
/// <param name="Code">The code of an <see cref="Outcome"/> of <see cref="Outcomes"/>.</param>
/// <param name="Sequence">The batch's sequence number, when it opened.</param>
/// <param name="Receipt">The signed receipt when acknowledged.</param>
/// <param name="Detail">A detail for the sender and the log; never secret.</param>
[GenerateSerializer]
[Immutable]
public sealed record IngestResult(
    [property: Id(0)] string Code,
    [property: Id(1)] ulong Sequence,
    [property: Id(2)] byte[]? Receipt,
    [property: Id(3)] string Detail)
{
    /// <summary>Whether the sender may consider the batch delivered.</summary>
    public bool IsAcknowledged => Outcomes.Find(Code)?.IsAcknowledged == true;

    /// <summary>A refusal.</summary>
    public static IngestResult Refused(string code, string detail, ulong sequence = 0) => new(code, sequence, null, detail);
}
