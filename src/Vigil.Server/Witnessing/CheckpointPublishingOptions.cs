namespace Vigil.Server.Witnessing;

/// <summary>Publishing of checkpoints outside the data folder.</summary>
internal sealed class CheckpointPublishingOptions
{
    /// <summary>A directory that receives <c>checkpoint</c> (the latest) and <c>checkpoints/SIZE</c> for each one; unset: none.</summary>
    public string? PublishDirectory { get; set; }

    /// <summary>An http(s) prefix that receives <c>checkpoints/SIZE</c> and <c>checkpoint</c> by PUT; unset: none.</summary>
    public string? PublishUrl { get; set; }

    /// <summary>The bearer token sent with each PUT to <see cref="PublishUrl"/>, if it needs one (best set in the environment: <c>Vigil__Checkpoints__PublishToken</c>).</summary>
    public string? PublishToken { get; set; }
}
