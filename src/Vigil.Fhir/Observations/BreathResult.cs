using Hl7.Fhir.Model;
using Vigil.Fhir.Codes;
using Vigil.Record.Readings;

namespace Vigil.Fhir.Observations;

/// <summary>
/// A breath test's diagnostic result. The value is the result, SNOMED CT Positive (10828004) or
/// Negative (260385009), never the condition, so that an EHR showing only the value never reads a
/// negative test as the diagnosis; the condition (a SNOMED CT concept id on the wire,
/// docs/protocol.md) and the confidence are components; interpretation POS or NEG.
/// </summary>
internal static class BreathResult
{
    public static void Set(Observation observation, StoredReading reading)
    {
        var positive = reading.Values[0] >= 0.5;
        observation.Value = positive
            ? Concepts.Of(CodeSystems.Snomed, "10828004", "Positive", "Positive")
            : Concepts.Of(CodeSystems.Snomed, "260385009", "Negative", "Negative");
        observation.Interpretation.Add(positive
            ? Concepts.Of(CodeSystems.Interpretation, "POS", "Positive")
            : Concepts.Of(CodeSystems.Interpretation, "NEG", "Negative"));
        var condition = reading.Code ?? throw new ArgumentException("A breath diagnosis names its condition.", nameof(reading));
        observation.Component =
        [
            new Observation.ComponentComponent
            {
                Code = Concepts.Of(CodeSystems.VigilObservation, "breath-condition", "Condition tested for", "Condition tested for"),
                Value = condition.All(char.IsAsciiDigit)
                    ? Concepts.Of(CodeSystems.Snomed, condition, null, condition)
                    : Concepts.Of(CodeSystems.BreathCondition, condition, null, condition),
            },
            new Observation.ComponentComponent
            {
                Code = Concepts.Of(CodeSystems.VigilObservation, "breath-confidence", "Confidence of the result", "Confidence of the result"),
                Value = ObservationCodes.Quantity(reading.Values[1], "1"),
            },
        ];
    }
}
