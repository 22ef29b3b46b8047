namespace Vigil.Server.Gateway;

/// <summary>Who is on the other end of a connection, as its client certificate proves.</summary>
/// <param name="Kind">A device or a relay.</param>
/// <param name="Id">The device or relay id.</param>
internal sealed record Principal(PrincipalKind Kind, string Id)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Kind == PrincipalKind.Device ? "device" : "relay")}:{Id}";
}
