namespace Vigil.Domain.Verification;

/// <summary>Evidence that a device identity is held twice (T05), from the device's signed fields alone.</summary>
/// <param name="Rule">Which rule found it: <see cref="SessionHistory.Overlap"/> or <see cref="SessionHistory.Order"/>.</param>
/// <param name="Sessions">The two sessions, as their ids' hex.</param>
/// <param name="Since">The earliest time either of them covers: readings from then on cannot be told apart.</param>
/// <param name="Detail">What was seen, for a person.</param>
public sealed record CloneFinding(string Rule, (string First, string Second) Sessions, DateTimeOffset Since, string Detail);
