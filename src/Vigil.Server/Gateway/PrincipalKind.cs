namespace Vigil.Server.Gateway;

/// <summary>The kinds of principal that may connect.</summary>
internal enum PrincipalKind
{
    /// <summary>A device, with a certificate from a trusted maker CA.</summary>
    Device,

    /// <summary>A relay (phone app, home hub), with a certificate from the platform CA.</summary>
    Relay,
}
