namespace Vigil.Record.Encryption;

/// <summary>An alert's patient data as sealed.</summary>
/// <param name="Rule">The rule it crossed.</param>
/// <param name="Value">The value that crossed it.</param>
/// <param name="Detail">What crossed what.</param>
/// <param name="Reasons">Why the data behind it is not Verified, if it is not.</param>
internal sealed record SealedAlert(string Rule, double Value, string Detail, string[] Reasons);
