using Vigil.Domain.Clinical;
using Vigil.Domain.Devices;
using Vigil.Domain.Patients;
using Vigil.Domain.Verification;
using Vigil.Platform.Patients;
using Vigil.Platform.UseCases;
using Vigil.Platform.Verification;

namespace Vigil.Platform.Tests.UseCases;

public sealed class PatientUseCaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("p-1", "mmol", PatientAdmission.InvalidUnit)]
    public async Task AdmitAsync_WhatIsNotWellFormed_IsRefused(string id, string unit, string code)
    {
        await using var harness = new IngestHarness();

        var result = await harness.Get<PatientAdmission>().AdmitAsync(PatientId.Parse(id), "Ada", glucoseUnit: unit, cancellationToken: Ct);

        Assert.Equal((RefusalKind.Invalid, code), (result.Refusal?.Kind, result.Refusal?.Code));
        Assert.Empty(await harness.Record.Registry.ListPatientsAsync(Ct));
    }

    [Fact]
    public async Task AdmitAsync_TakenId_IsAConflict_AndTheUnitIsSetOnlyOnAdmission()
    {
        await using var harness = new IngestHarness();
        var patients = harness.Get<PatientAdmission>();

        var first = await patients.AdmitAsync(PatientId.Parse("p-1"), "Ada", "MRN-1", "mmol/L", Ct);
        var second = await patients.AdmitAsync(PatientId.Parse("p-1"), "Grace", glucoseUnit: "mg/dL", cancellationToken: Ct);

        Assert.True(first.IsDone, first.Refusal?.Message);
        Assert.Equal((RefusalKind.Conflict, PatientAdmission.PatientExists), (second.Refusal?.Kind, second.Refusal?.Code));
        Assert.Equal(("Ada", "mmol/L"), ((await harness.Record.Registry.FindPatientAsync(PatientId.Parse("p-1"), Ct))?.DisplayName, (await harness.Record.Registry.FindPatientAsync(PatientId.Parse("p-1"), Ct))?.GlucoseUnit));
    }

    [Theory]
    [InlineData("nobody", 100, CalibrationService.PatientNotFound)]
    [InlineData("p-1", 9, CalibrationService.InvalidGlucose)]
    [InlineData("p-1", 1001, CalibrationService.InvalidGlucose)]
    public async Task EnterAsync_UnknownPatientOrImpossibleGlucose_IsRefusedAndNothingIsStored(string patient, double glucose, string code)
    {
        await using var harness = new IngestHarness();
        await harness.Get<PatientAdmission>().AdmitAsync(PatientId.Parse("p-1"), "Ada", cancellationToken: Ct);
        var now = DateTimeOffset.UtcNow;

        var result = await harness.Get<CalibrationService>().EnterAsync(PatientId.Parse(patient), now, glucose, "nurse", now, Ct);

        Assert.Equal(code, result.Refusal?.Code);
        Assert.Empty(await harness.Record.Clinical.CalibrationsAsync(patientId: PatientId.Parse("p-1"), cancellationToken: Ct));
    }

    [Fact]
    public async Task ActAsync_UnknownAlert_IsNotFound_AndEscalatingUnconfirmedData_IsRefused()
    {
        await using var harness = new IngestHarness();
        var now = DateTimeOffset.UtcNow;
        var id = await harness.Record.Clinical.RaiseAlertAsync(new Alert(
            0, PatientId.Parse("p-1"), AlertRules.Desaturation, DeviceId.Parse("oxi-1"), now, now, 71, "SpO2 71 % below 90", VerdictStatus.Suspect,
            [ReasonCodes.RateOfChange], AlertStatus.Open, now, 1, now), cancellationToken: Ct);
        var desk = harness.Get<AlertDesk>();

        var unknown = await desk.ActAsync(id + 1, AlertAction.Acknowledge, "dr-who", "");
        var escalated = await desk.ActAsync(id, AlertAction.Escalate, "dr-who", "");

        Assert.Equal((RefusalKind.NotFound, AlertDesk.AlertNotFound), (unknown.Refusal?.Kind, unknown.Refusal?.Code));
        Assert.Equal((RefusalKind.Conflict, AlertDesk.ActionRefused), (escalated.Refusal?.Kind, escalated.Refusal?.Code));
        Assert.Equal(AlertStatus.Open, escalated.Value?.Status);
        Assert.Empty(await harness.Record.Clinical.ActionsAsync(id, Ct));
    }
}
