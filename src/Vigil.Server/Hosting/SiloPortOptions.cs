using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Hosting;

/// <summary>
/// The ports of the Orleans silo hosting the device actors, bound from the <c>Vigil</c> section:
/// <c>Vigil:SiloPort</c> and <c>Vigil:OrleansGatewayPort</c>.
/// </summary>
public sealed class SiloPortOptions
{
    /// <summary>Orleans silo-to-silo port.</summary>
    [Range(0, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port.</summary>
    [Range(0, 65535)]
    public int OrleansGatewayPort { get; set; } = 30000;
}
