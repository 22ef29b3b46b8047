using Vigil.Domain.Patients;

namespace Vigil.Domain.Access;

/// <summary>A care team: clinicians and the patients they look after.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Members">The ids of its members.</param>
/// <param name="Patients">The ids of its patients.</param>
public sealed record CareTeam(string Id, string Name, IReadOnlyList<string> Members, IReadOnlyList<PatientId> Patients);
