using System.Security.Cryptography.X509Certificates;
using Vigil.Domain.Devices;
using Vigil.Identity.Certificates;
using Vigil.Platform.Devices;
using Vigil.Protocol;

namespace Vigil.Server.Gateway;

/// <summary>
/// Turns a TLS client certificate into a <see cref="Principal"/>, or a refusal code. Devices
/// must chain to a trusted maker CA, relays to the platform CA; both must be enrolled, and a
/// revoked device is refused here, at connect (T20).
/// </summary>
internal sealed class ClientAuthenticator(RegistryCache registry, MakerTrust makers, X509Certificate2 platformCa, TimeProvider time)
{
    private readonly MakerTrust _relayTrust = new([platformCa]);

    /// <summary>
    /// Authenticates a certificate; the principal, or the code and detail of the refusal, with the
    /// enrolled device the certificate belongs to, if any, so that the refusal's event names it.
    /// </summary>
    public async ValueTask<(Principal? Principal, string Code, string Detail, DeviceId? Device)> AuthenticateAsync(X509Certificate2? certificate, CancellationToken cancellationToken = default)
    {
        if (certificate is null)
        {
            return (null, Outcomes.NoCertificate.Code, "a client certificate is required", null);
        }

        try
        {
            var keyId = CertificateKeyId.HexOf(certificate);
            var (device, relay) = await registry.FindByKeyIdAsync(keyId, cancellationToken);
            return AuthenticateDecoded(certificate, device, relay);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Parts of a certificate are decoded when first read; one that does not decode is nobody's.
            return (null, OpenFailure.UntrustedChain.ToCode(), "the client certificate does not decode", null);
        }
    }

    /// <summary>
    /// Who a certificate names, by its key id alone, without judging its chain or validity: enough to
    /// name a connection in an event or find its hold-off, since the key id is the certificate's own
    /// digest. Only <see cref="AuthenticateAsync"/> admits a principal.
    /// </summary>
    public Principal? Identify(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return null;
        }

        var (device, relay) = registry.FindByKeyId(CertificateKeyId.HexOf(certificate));
        return device is not null ? new Principal(PrincipalKind.Device, device.Id.Value)
            : relay is not null ? new Principal(PrincipalKind.Relay, relay.Id.Value)
            : null;
    }

    private (Principal? Principal, string Code, string Detail, DeviceId? Device) AuthenticateDecoded(X509Certificate2 certificate, Record.Registry.DeviceRecord? device, Record.Registry.RelayRecord? relay)
    {
        var now = time.GetUtcNow();
        if (device is not null)
        {
            if (device.Status == DeviceStatus.Revoked)
            {
                return (null, Outcomes.DeviceRevoked.Code, $"device {device.Id} was revoked: {device.StatusReason}", device.Id);
            }

            var status = makers.Check(certificate, now);
            return status == ChainStatus.Trusted
                ? (new Principal(PrincipalKind.Device, device.Id.Value), "ok", string.Empty, device.Id)
                : (null, Code(status), $"device {device.Id}: certificate {Code(status)}", device.Id);
        }

        if (relay is not null)
        {
            var status = _relayTrust.Check(certificate, now);
            return status == ChainStatus.Trusted
                ? (new Principal(PrincipalKind.Relay, relay.Id.Value), "ok", string.Empty, null)
                : (null, Code(status), $"relay {relay.Id}: certificate {Code(status)}", null);
        }

        var unknown = makers.Check(certificate, now);
        return unknown == ChainStatus.Trusted
            ? (null, Outcomes.NotEnrolled.Code, $"certificate of '{certificate.GetNameInfo(X509NameType.SimpleName, false)}' is not enrolled", null)
            : (null, Code(unknown), $"certificate of '{certificate.GetNameInfo(X509NameType.SimpleName, false)}': {Code(unknown)}", null);
    }

    private static string Code(ChainStatus status) => status switch
    {
        ChainStatus.Expired => OpenFailure.CertificateExpired.ToCode(),
        ChainStatus.NotYetValid => OpenFailure.CertificateNotYetValid.ToCode(),
        _ => OpenFailure.UntrustedChain.ToCode(),
    };
}
