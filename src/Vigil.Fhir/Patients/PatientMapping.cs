using Hl7.Fhir.Model;
using Vigil.Fhir.Codes;
using Vigil.Fhir.Ids;
using Vigil.Record.Registry;

namespace Vigil.Fhir.Patients;

/// <summary>Vigil's patient as a FHIR R4 Patient.</summary>
public static class PatientMapping
{
    /// <summary>
    /// The Patient: its opaque id as an identifier, and with <see cref="PatientView.Full"/> the
    /// display name and the MRN (identifier type MR, HL7 v2 table 0203).
    /// </summary>
    /// <param name="patient">The patient.</param>
    /// <param name="view">What the caller may see.</param>
    /// <param name="mrnSystem">The hospital's identifier system for MRNs; <see cref="CodeSystems.DefaultMrn"/> when null.</param>
    public static Patient ToFhir(PatientRecord patient, PatientView view, string? mrnSystem = null)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var result = new Patient
        {
            Id = ResourceIds.Patient(patient.Id.Value),
            Identifier = [new Identifier(CodeSystems.PatientId, patient.Id.Value) { Use = Identifier.IdentifierUse.Secondary }],
        };
        if (view != PatientView.Full)
        {
            return result;
        }

        if (patient.Mrn is { Length: > 0 } mrn)
        {
            result.Identifier.Add(new Identifier(mrnSystem ?? CodeSystems.DefaultMrn, mrn)
            {
                Use = Identifier.IdentifierUse.Usual,
                Type = Concepts.Of(CodeSystems.IdentifierType, "MR", "Medical record number"),
            });
        }

        result.Name = [new HumanName { Text = patient.DisplayName }];
        return result;
    }
}
