using Hl7.Fhir.Model;

namespace Vigil.Fhir.Codes;

/// <summary>Builds codings and concepts with every part named, so that display and text are never confused.</summary>
internal static class Concepts
{
    public static Coding Coding(string system, string code, string? display) => new() { System = system, Code = code, Display = display };

    public static CodeableConcept Of(string system, string code, string? display, string? text = null) => new()
    {
        Coding = [Coding(system, code, display)],
        Text = text,
    };

    public static CodeableConcept And(this CodeableConcept concept, string system, string code, string display)
    {
        concept.Coding.Add(Coding(system, code, display));
        return concept;
    }
}
