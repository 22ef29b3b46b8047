namespace Vigil.Server.Http.Api;

/// <summary>One thing a person did with an alert.</summary>
/// <param name="At">When.</param>
/// <param name="Action">acknowledge, confirm, escalate or dismiss.</param>
/// <param name="By">Who.</param>
/// <param name="Note">Why, in their words.</param>
internal sealed record AlertActionView(DateTimeOffset At, string Action, string By, string Note);
