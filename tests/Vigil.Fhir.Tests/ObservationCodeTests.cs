using Hl7.Fhir.Model;
using Vigil.Domain.Readings;
using Vigil.Fhir.Codes;
using Vigil.Fhir.Observations;

namespace Vigil.Fhir.Tests;

public sealed class ObservationCodeTests
{
    /// <summary>Kind, the first coding (system and code), a second coding or null, category, Vital Signs profile or null, UCUM code or null.</summary>
    public static TheoryData<MeasurementKind, string, string, string?, string, string?, string?> Kinds => new()
    {
        { MeasurementKind.Glucose, CodeSystems.Loinc, "99504-3", null, "laboratory", null, "mg/dL" },
        { MeasurementKind.GlucoseTrend, CodeSystems.VigilObservation, "glucose-trend", null, "laboratory", null, "mg/dL/min" },
        { MeasurementKind.OxygenSaturation, CodeSystems.Loinc, "2708-6", "59408-5", "vital-signs", "http://hl7.org/fhir/StructureDefinition/oxygensat", "%" },
        { MeasurementKind.PulseRate, CodeSystems.Loinc, "8867-4", "8889-8", "vital-signs", "http://hl7.org/fhir/StructureDefinition/heartrate", "/min" },
        { MeasurementKind.BloodPressure, CodeSystems.Loinc, "85354-9", null, "vital-signs", "http://hl7.org/fhir/StructureDefinition/bp", null },
        { MeasurementKind.HeartRate, CodeSystems.Loinc, "8867-4", "147842", "vital-signs", "http://hl7.org/fhir/StructureDefinition/heartrate", "/min" },
        { MeasurementKind.EcgWaveform, CodeSystems.Mdc, "131328", null, "procedure", null, null },
        { MeasurementKind.BreathVoc, CodeSystems.BreathVoc, "acetone", null, "laboratory", null, "[ppb]" },
        { MeasurementKind.BreathDiagnosis, CodeSystems.VigilObservation, "breath-diagnosis", null, "laboratory", null, null },
        { MeasurementKind.BodyTemperature, CodeSystems.Loinc, "8310-5", null, "vital-signs", "http://hl7.org/fhir/StructureDefinition/bodytemp", "Cel" },
        { MeasurementKind.RespiratoryRate, CodeSystems.Loinc, "9279-1", null, "vital-signs", "http://hl7.org/fhir/StructureDefinition/resprate", "/min" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ToFhir_EachKind_HasItsCodesCategoryProfileAndUnit(
        MeasurementKind kind, string system, string code, string? second, string category, string? profile, string? ucum)
    {
        var observation = Samples.Observation(Samples.Reading(kind));

        Assert.Equal(system, observation.Code.Coding[0].System);
        Assert.Equal(code, observation.Code.Coding[0].Code);
        Assert.Equal(second, observation.Code.Coding.ElementAtOrDefault(1)?.Code);
        Assert.Equal(category, Assert.Single(observation.Category).Coding[0].Code);
        Assert.Equal(profile, observation.Meta?.Profile.SingleOrDefault());
        Assert.Equal(ucum, (observation.Value as Quantity)?.Code);
        if (ucum is not null)
        {
            Assert.Equal(CodeSystems.Ucum, ((Quantity)observation.Value).System);
        }
    }

    [Fact]
    public void Kinds_CoverEveryKindOfTheCatalog()
    {
        var tested = Kinds.Select(row => ((ITheoryDataRow)row).GetData()[0] is MeasurementKind k ? k : default).ToHashSet();

        Assert.All(MeasurementCatalog.All, spec => Assert.Contains(spec.Kind, tested));
        Assert.Equal(Enum.GetValues<MeasurementKind>().Length, tested.Count);
    }

    [Fact]
    public void ToFhir_GlucoseInMmolPerLitre_HasTheMolarLoincCode()
    {
        var reading = Samples.Reading(MeasurementKind.Glucose) with { Values = [5.8], Unit = "mmol/L" };

        var observation = ObservationMapping.ToFhir(reading);

        Assert.Equal("105272-9", observation.Code.Coding[0].Code);
        Assert.Equal("mmol/L", ((Quantity)observation.Value).Code);
    }

    [Fact]
    public void ToFhir_BloodPressure_HasSystolicDiastolicAndMeanComponents()
    {
        var observation = Samples.Observation(Samples.Reading(MeasurementKind.BloodPressure));

        Assert.Null(observation.Value);
        Assert.Equal(["8480-6", "8462-4", "8478-0"], observation.Component.Select(c => c.Code.Coding[0].Code));
        Assert.Equal([121m, 79m, 93m], observation.Component.Select(c => ((Quantity)c.Value).Value!.Value));
        Assert.All(observation.Component, c => Assert.Equal("mm[Hg]", ((Quantity)c.Value).Code));
    }

    [Fact]
    public void ToFhir_Ecg_CarriesTheSignedCountsAsSampledData()
    {
        var observation = Samples.Observation(Samples.Reading(MeasurementKind.EcgWaveform));

        var data = Assert.IsType<SampledData>(observation.Value);
        Assert.Equal("0 12 60 480 -100 -20 0 8 16 4", data.Data);
        Assert.Equal(4m, data.Period);
        Assert.Equal(2.5m, data.Factor);
        Assert.Equal(1, data.Dimensions);
        Assert.Equal("uV", data.Origin.Code);
    }

    [Fact]
    public void ToFhir_EcgWithoutSamples_SaysTheDataIsAbsent()
    {
        var observation = ObservationMapping.ToFhir(Samples.Reading(MeasurementKind.EcgWaveform));

        Assert.Null(observation.Value);
        Assert.Equal("unknown", observation.DataAbsentReason.Coding[0].Code);
    }

    [Theory]
    [InlineData(0.0, "260385009", "NEG")]
    [InlineData(1.0, "10828004", "POS")]
    public void ToFhir_BreathDiagnosis_ValueIsTheResultAndTheConditionAComponent(double result, string snomed, string interpretation)
    {
        var reading = Samples.Reading(MeasurementKind.BreathDiagnosis) with { Values = [result, 0.91] };

        var observation = ObservationMapping.ToFhir(reading);

        var value = Assert.IsType<CodeableConcept>(observation.Value);
        Assert.Equal((CodeSystems.Snomed, snomed), (value.Coding[0].System, value.Coding[0].Code));
        Assert.Equal(interpretation, Assert.Single(observation.Interpretation).Coding[0].Code);
        var condition = Assert.IsType<CodeableConcept>(observation.Component[0].Value);
        Assert.Equal((CodeSystems.Snomed, "53084003"), (condition.Coding[0].System, condition.Coding[0].Code));
        Assert.Equal(0.91m, ((Quantity)observation.Component[1].Value).Value);
    }

    [Theory]
    [InlineData(ReadingFlags.BelowRange, Quantity.QuantityComparator.LessThan)]
    [InlineData(ReadingFlags.AboveRange, Quantity.QuantityComparator.GreaterThan)]
    [InlineData(ReadingFlags.None, null)]
    public void ToFhir_ValueAtTheEndOfTheRange_HasAComparator(ReadingFlags flags, Quantity.QuantityComparator? comparator)
    {
        var reading = Samples.Reading(MeasurementKind.Glucose) with { Flags = flags };

        var observation = ObservationMapping.ToFhir(reading);

        Assert.Equal(comparator, ((Quantity)observation.Value).Comparator);
    }

    [Fact]
    public void ToFhir_ReadingOfAnUnboundDevice_ClaimsNoProfileAndHasNoSubject()
    {
        var observation = Samples.Observation(Samples.Reading(MeasurementKind.HeartRate, patient: null));

        Assert.Null(observation.Subject);
        Assert.Empty(observation.Meta!.Profile);
        Assert.Equal("Device/ecg-1", observation.Device.Reference);
    }
}
