namespace Vigil.Record.Encryption;

/// <summary>What identifies a patient, as sealed.</summary>
/// <param name="Name">How the care team refers to the patient.</param>
/// <param name="Mrn">The patient's identifier in the hospital's record, if known.</param>
internal sealed record SealedIdentity(string Name, string? Mrn);
