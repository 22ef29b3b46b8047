using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Vigil.Identity.Certificates;

/// <summary>
/// What a device certificate says about the device beyond its id: model, production lot,
/// serial number and the firmware version it left the factory with. Carried in a non-critical
/// X.509 extension (<see cref="Oid"/>) as
/// <c>SEQUENCE { model UTF8String, lot UTF8String, serial UTF8String, firmware UTF8String }</c>;
/// the serial number also appears in the subject as <c>serialNumber</c> (2.5.4.5).
/// </summary>
/// <param name="Model">The device model, as its maker names it.</param>
/// <param name="Lot">The production lot.</param>
/// <param name="Serial">The serial number, unique within the model.</param>
/// <param name="Firmware">The firmware version at manufacture.</param>
public sealed record DeviceAttributes(string Model, string Lot, string Serial, string Firmware)
{
    /// <summary>
    /// The extension's OID, under Vigil's UUID-derived arc (ITU-T X.667, 2.25) so that it needs
    /// no registration: 2.25.4338263991060608305685895739268986657 is Vigil, .1 device attributes.
    /// </summary>
    public const string Oid = "2.25.4338263991060608305685895739268986657.1";

    /// <summary>The longest value accepted for any attribute.</summary>
    public const int MaxLength = 128;

    /// <summary>Builds the X.509 extension.</summary>
    public X509Extension ToExtension()
    {
        foreach (var value in new[] { Model, Lot, Serial, Firmware })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
            {
                throw new ArgumentException($"Device attributes must be 1 to {MaxLength} characters.");
            }
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, Model);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, Lot);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, Serial);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, Firmware);
        }

        return new X509Extension(Oid, writer.Encode(), critical: false);
    }

    /// <summary>Reads the attributes from a certificate; null when it has none or they are malformed.</summary>
    public static DeviceAttributes? FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        try
        {
            if (certificate.Extensions[Oid] is not { } extension)
            {
                return null;
            }

            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            var attributes = new DeviceAttributes(
                sequence.ReadCharacterString(UniversalTagNumber.UTF8String),
                sequence.ReadCharacterString(UniversalTagNumber.UTF8String),
                sequence.ReadCharacterString(UniversalTagNumber.UTF8String),
                sequence.ReadCharacterString(UniversalTagNumber.UTF8String));
            sequence.ThrowIfNotEmpty();
            reader.ThrowIfNotEmpty();
            return attributes;
        }
        catch (Exception e) when (e is AsnContentException or System.Security.Cryptography.CryptographicException)
        {
            // Extensions are decoded when first read: ones that do not decode carry no attributes.
            return null;
        }
    }
}
