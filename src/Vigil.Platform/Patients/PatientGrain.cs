using Vigil.Domain.Patients;
namespace Vigil.Platform.Patients;

/// <summary>One patient's actor; Orleans runs its calls one at a time. The work is <see cref="PatientCare"/>.</summary>
internal sealed class PatientGrain(PatientServices services) : Grain, IPatientGrain
{
    private PatientCare? _care;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _care = new PatientCare(PatientId.Parse(this.GetPrimaryKeyString()), services);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ObserveAsync(PatientObservation observation) => _care!.ObserveAsync(observation);

    /// <inheritdoc />
    public Task FlushAsync() => Task.CompletedTask;
}
