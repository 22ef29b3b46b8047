namespace Vigil.Platform.Ingest;

/// <summary>How the device actors ingest.</summary>
public sealed class IngestOptions
{
    /// <summary>
    /// Whether readings are verified and handed to the patient's actor (the default). Off only to
    /// measure what verification costs: readings are then stored Suspect(not-verified), which
    /// never passes for trusted data.
    /// </summary>
    public bool Verification { get; init; } = true;
}
