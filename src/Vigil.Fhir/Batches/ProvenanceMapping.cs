using System.Globalization;
using Hl7.Fhir.Model;
using Vigil.Fhir.Codes;
using Vigil.Fhir.Ids;
using Vigil.Record.Batches;

namespace Vigil.Fhir.Batches;

/// <summary>
/// The Provenance of one batch (docs/fhir.md, "Provenance"): its targets are the batch's
/// Observations; its agents the device (author) and, when known, the relay that carried it; its
/// signature the device's own COSE_Sign1 over the CBOR batch, exactly as the record keeps it, with
/// the ASTM E1762 type "Source Signature" (the signature of an automated data source); its
/// entities the ledger entry that records the batch and the signed checkpoint that includes it.
/// </summary>
public static class ProvenanceMapping
{
    /// <summary>The MIME type of a COSE message (RFC 9052, section 11.2).</summary>
    public const string CoseMediaType = "application/cose";

    /// <summary>The MIME type of what the device signed: its CBOR batch, not the FHIR resources.</summary>
    public const string CborMediaType = "application/cbor";

    /// <summary>The Provenance of a batch.</summary>
    /// <param name="batch">The batch as the record keeps it, with the device's COSE_Sign1.</param>
    /// <param name="relayId">The relay that carried it, when one did.</param>
    /// <param name="anchor">Its ledger entry and checkpoint, when known.</param>
    public static Provenance ToFhir(StoredBatch batch, string? relayId, LedgerAnchor? anchor)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var device = batch.DeviceId.ToString();
        var provenance = new Provenance
        {
            Id = ResourceIds.Batch(device, batch.Sequence),
            Target = [.. Enumerable.Range(0, batch.ReadingCount).Select(i => References.Reading(device, batch.Sequence, i))],
            Occurred = new FhirDateTime(batch.Created.ToUniversalTime()),
            Recorded = batch.ReceivedAt.ToUniversalTime(),
            Agent =
            [
                new Provenance.AgentComponent
                {
                    Type = Concepts.Of(CodeSystems.ProvenanceParticipantType, "author", "Author", "Device that measured and signed the batch"),
                    Who = References.Device(device),
                },
            ],
            Signature =
            [
                new Signature
                {
                    Type = [Concepts.Coding(CodeSystems.AstmSignatureType, "1.2.840.10065.1.12.1.14", "Source Signature")],
                    When = batch.Created.ToUniversalTime(),
                    Who = References.Device(device),
                    SigFormat = CoseMediaType,
                    TargetFormat = CborMediaType,
                    Data = batch.SignedBatch,
                },
            ],
        };
        if (relayId is { Length: > 0 } relay)
        {
            provenance.Agent.Add(new Provenance.AgentComponent
            {
                Type = Concepts.Of(CodeSystems.VigilDeviceType, "relay", "Relay", "Relay that carried the batch"),
                Who = References.Relay(relay),
            });
        }

        if (anchor is not null)
        {
            provenance.Entity.AddRange(Entities(anchor));
        }

        return provenance;
    }

    private static IEnumerable<Provenance.EntityComponent> Entities(LedgerAnchor anchor)
    {
        yield return new Provenance.EntityComponent
        {
            Role = Provenance.ProvenanceEntityRole.Source,
            What = new ResourceReference
            {
                Identifier = new Identifier(CodeSystems.LedgerEntry, anchor.EntrySubject),
                Display = string.Create(CultureInfo.InvariantCulture, $"Vigil ledger entry {anchor.EntryIndex}: {anchor.EntrySubject}"),
            },
        };
        if (anchor.Checkpoint is { } checkpoint)
        {
            yield return new Provenance.EntityComponent
            {
                Role = Provenance.ProvenanceEntityRole.Source,
                What = new ResourceReference
                {
                    Identifier = new Identifier(CodeSystems.LedgerCheckpoint, checkpoint.Size.ToString(CultureInfo.InvariantCulture)),
                    Display = string.Create(
                        CultureInfo.InvariantCulture,
                        $"Vigil ledger checkpoint of tree size {checkpoint.Size}, which includes entry {anchor.EntryIndex}, signed {checkpoint.SignedAt.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}"),
                    Extension = [new Extension(CodeSystems.CheckpointNoteExtension, new FhirString(checkpoint.Note))],
                },
            };
        }
    }
}
