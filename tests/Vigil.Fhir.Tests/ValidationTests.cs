using Hl7.Fhir.Model;
using Vigil.Fhir.Observations;

namespace Vigil.Fhir.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string> Names => [.. Samples.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Resource_ConformsToR4(string name)
    {
        var resource = Samples.All().Single(s => s.Name == name).Resource;

        var errors = R4Validation.Errors(resource);

        Assert.True(errors.Count == 0, $"{name} does not conform to R4:\n{string.Join("\n", errors)}");
    }

    public static TheoryData<string> Profiled =>
        [.. Samples.All().Where(s => s.Resource is Observation { Meta.Profile: var p } && p.Any()).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Profiled))]
    public void Observation_ConformsToTheVitalSignsProfileItClaims(string name)
    {
        var observation = (Observation)Samples.All().Single(s => s.Name == name).Resource;
        var profiles = observation.Meta!.Profile.ToList();
        Assert.NotEmpty(profiles);

        foreach (var profile in profiles.Append(ObservationCodes.VitalSignsProfile))
        {
            var errors = R4Validation.Errors(observation, profile);
            Assert.True(errors.Count == 0, $"{name} does not conform to {profile}:\n{string.Join("\n", errors)}");
        }
    }

    [Fact]
    public void Validator_FindsErrors_InABrokenObservation()
    {
        var broken = Samples.Observation(Samples.Reading(Vigil.Domain.Readings.MeasurementKind.HeartRate));
        broken.Status = null;
        broken.Code = null!;

        var errors = R4Validation.Errors(broken);

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Validator_AppliesTheProfileAnObservationClaims()
    {
        var unbound = Samples.Observation(Samples.Reading(Vigil.Domain.Readings.MeasurementKind.HeartRate));
        unbound.Subject = null;

        var errors = R4Validation.Errors(unbound);

        Assert.NotEmpty(errors);
    }
}
