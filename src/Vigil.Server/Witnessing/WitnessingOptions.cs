namespace Vigil.Server.Witnessing;

/// <summary>
/// Where <c>vigil serve</c> sends its checkpoints, bound from the <c>Vigil</c> section:
/// <c>Vigil:Witnesses:0:Url</c> and <c>Vigil:Witnesses:0:Vkey</c> for each witness, and
/// <c>Vigil:Checkpoints:PublishDirectory</c>, <c>Vigil:Checkpoints:PublishUrl</c> and
/// <c>Vigil:Checkpoints:PublishToken</c>.
/// </summary>
internal sealed class WitnessingOptions
{
    /// <summary>The C2SP tlog-witness witnesses to ask for cosignatures.</summary>
    public List<WitnessEndpointOptions> Witnesses { get; set; } = [];

    /// <summary>Where signed and cosigned checkpoints are published.</summary>
    public CheckpointPublishingOptions Checkpoints { get; set; } = new();
}
