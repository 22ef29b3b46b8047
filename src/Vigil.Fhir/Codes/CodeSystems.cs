namespace Vigil.Fhir.Codes;

/// <summary>
/// The code systems and identifier systems the mapping writes (docs/fhir.md, "Codes"). The
/// external ones are the canonical URIs that FHIR R4 names for them; Vigil's own sit under the
/// project's UUID-derived OID arc (ITU-T X.667, 2.25; the arc of the device-attributes
/// certificate extension), node 3 for FHIR, so they need no registration and never collide.
/// </summary>
public static class CodeSystems
{
    /// <summary>LOINC.</summary>
    public const string Loinc = "http://loinc.org";

    /// <summary>UCUM, the units of every quantity.</summary>
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>SNOMED CT.</summary>
    public const string Snomed = "http://snomed.info/sct";

    /// <summary>ISO/IEEE 11073-10101 nomenclature (MDC), as FHIR R4 names it.</summary>
    public const string Mdc = "urn:iso:std:iso:11073:10101";

    /// <summary>HL7 observation categories.</summary>
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>HL7 v3 ObservationInterpretation.</summary>
    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    /// <summary>HL7 v3 ObservationValue, which holds the integrity-confidence security labels.</summary>
    public const string SecurityObservationValue = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    /// <summary>HL7 data-absent reasons.</summary>
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";

    /// <summary>HL7 v2 table 0203, identifier types (MR for a medical record number).</summary>
    public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";

    /// <summary>HL7 provenance participant types.</summary>
    public const string ProvenanceParticipantType = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    /// <summary>ASTM E1762-95 (2013) signature types.</summary>
    public const string AstmSignatureType = "urn:iso-astm:E1762-95:2013";

    /// <summary>The root of Vigil's FHIR systems: the project's OID arc, node 3.</summary>
    public const string VigilRoot = "urn:oid:2.25.4338263991060608305685895739268986657.3";

    /// <summary>Identifier system: a device id (its certificate's common name).</summary>
    public const string DeviceId = VigilRoot + ".1";

    /// <summary>Identifier system: a patient id (opaque, not a medical record number).</summary>
    public const string PatientId = VigilRoot + ".2";

    /// <summary>Identifier system: a reading, <c>device#sequence#index</c>.</summary>
    public const string ReadingId = VigilRoot + ".3";

    /// <summary>Identifier system: a ledger entry, by its subject (<c>device#sequence</c>).</summary>
    public const string LedgerEntry = VigilRoot + ".4";

    /// <summary>Identifier system: a signed ledger checkpoint, by the tree size it commits to.</summary>
    public const string LedgerCheckpoint = VigilRoot + ".5";

    /// <summary>Identifier system: a relay id (its certificate's common name).</summary>
    public const string RelayId = VigilRoot + ".6";

    /// <summary>Identifier system: a batch, <c>device#sequence</c>, the ledger's batch subject.</summary>
    public const string BatchId = VigilRoot + ".7";

    /// <summary>Identifier system of medical record numbers when the caller names none.</summary>
    public const string DefaultMrn = VigilRoot + ".8";

    /// <summary>Code system: Vigil's observation codes where no standard code exists.</summary>
    public const string VigilObservation = VigilRoot + ".10";

    /// <summary>Code system: the breath VOC panel, one code per compound, by its name.</summary>
    public const string BreathVoc = VigilRoot + ".11";

    /// <summary>Code system: verdict reason codes (<c>Vigil.Domain.Verification.ReasonCodes</c>).</summary>
    public const string VerdictReason = VigilRoot + ".12";

    /// <summary>Code system: verdict statuses (verified, suspect, rejected).</summary>
    public const string VerdictStatus = VigilRoot + ".13";

    /// <summary>Code system: device statuses beyond FHIR's (quarantined, revoked).</summary>
    public const string DeviceStatus = VigilRoot + ".14";

    /// <summary>Code system: device types with no standard code (breath mask, relay) and provenance roles (relay).</summary>
    public const string VigilDeviceType = VigilRoot + ".15";

    /// <summary>Code system: breath test conditions that are not SNOMED CT concept ids.</summary>
    public const string BreathCondition = VigilRoot + ".16";

    /// <summary>Extension: the C2SP signed note of the checkpoint that includes a batch's ledger entry.</summary>
    public const string CheckpointNoteExtension = VigilRoot + ".20";
}
