namespace Vigil.Server.Witnessing;

/// <summary>Publishing of checkpoints outside the data folder.</summary>
public sealed class CheckpointPublishingOptions
{
    /// <summary>A directory that receives <c>checkpoint</c> (the latest) and <c>checkpoints/SIZE</c> for each one; unset: none.</summary>
    public string? PublishDirectory { get; set; }
}
