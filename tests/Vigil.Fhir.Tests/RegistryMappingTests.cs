using Hl7.Fhir.Model;
using Vigil.Domain.Devices;
using Vigil.Domain.Readings;
using Vigil.Fhir.Codes;
using Vigil.Fhir.Devices;
using Vigil.Fhir.Patients;

namespace Vigil.Fhir.Tests;

public sealed class RegistryMappingTests
{
    [Fact]
    public void Patient_IdentifiersOnly_NamesNoOne()
    {
        var patient = PatientMapping.ToFhir(Samples.Patient, PatientView.IdentifiersOnly);

        Assert.Equal((CodeSystems.PatientId, "p-1"), (Assert.Single(patient.Identifier).System, patient.Identifier[0].Value));
        Assert.Empty(patient.Name);
        Assert.DoesNotContain("Ada", Golden.Serialize(patient), StringComparison.Ordinal);
        Assert.DoesNotContain("MRN-0042", Golden.Serialize(patient), StringComparison.Ordinal);
    }

    [Fact]
    public void Patient_Full_HasNameAndMrn()
    {
        var patient = PatientMapping.ToFhir(Samples.Patient, PatientView.Full, "urn:oid:1.2.3.4");

        Assert.Equal("Ada Example", Assert.Single(patient.Name).Text);
        var mrn = patient.Identifier.Single(i => i.Type?.Coding[0].Code == "MR");
        Assert.Equal(("urn:oid:1.2.3.4", "MRN-0042"), (mrn.System, mrn.Value));
    }

    [Theory]
    [InlineData(DeviceStatus.Active, Device.FHIRDeviceStatus.Active, null)]
    [InlineData(DeviceStatus.Quarantined, Device.FHIRDeviceStatus.Active, "quarantined")]
    [InlineData(DeviceStatus.Revoked, Device.FHIRDeviceStatus.Inactive, "revoked")]
    public void Device_Status(DeviceStatus status, Device.FHIRDeviceStatus expected, string? reason)
    {
        var device = DeviceMapping.ToFhir(Samples.Device(status, "why"), null);

        Assert.Equal(expected, device.Status);
        Assert.Equal(reason, device.StatusReason.SingleOrDefault()?.Coding[0].Code);
    }

    [Fact]
    public void Device_CarriesLotSerialFirmwareModelAndMaker()
    {
        var device = DeviceMapping.ToFhir(Samples.Device(DeviceStatus.Active), SensorKind.ContinuousGlucoseMonitor);

        Assert.Equal(("LOT-2026-03", "SN-000123", "GlucoWatch G7"), (device.LotNumber, device.SerialNumber, device.ModelNumber));
        Assert.Equal("2.4.1", Assert.Single(device.Version).Value);
        Assert.Equal("Example Medical Devices CA", device.Manufacturer);
        Assert.Equal((CodeSystems.Mdc, "528409"), (device.Type.Coding[0].System, device.Type.Coding[0].Code));
        Assert.Empty(device.UdiCarrier);
    }

    [Theory]
    [InlineData(SensorKind.ContinuousGlucoseMonitor, "528409")]
    [InlineData(SensorKind.PulseOximeter, "528388")]
    [InlineData(SensorKind.BloodPressureCuff, "528391")]
    [InlineData(SensorKind.EcgPatch, "528390")]
    [InlineData(SensorKind.BreathAnalysisMask, "breath-analysis-mask")]
    public void DeviceTypes_EachSensorKind(SensorKind kind, string code)
    {
        Assert.Equal(code, DeviceTypes.Of(kind).Coding[0].Code);
    }

    [Fact]
    public void DeviceTypes_EveryMeasurementKindHasASensor()
    {
        Assert.All(Enum.GetValues<MeasurementKind>(), kind => Assert.True(Enum.IsDefined(DeviceTypes.SensorOf(kind))));
    }

    [Fact]
    public void Device_WithACertificateThatDoesNotParse_NamesNoMaker()
    {
        var device = DeviceMapping.ToFhir(Samples.Device(DeviceStatus.Active) with { Certificate = [1, 2, 3] }, null);

        Assert.Null(device.Manufacturer);
    }
}
