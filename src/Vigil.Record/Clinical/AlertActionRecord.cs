namespace Vigil.Record.Clinical;

/// <summary>Something a person did with an alert.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="At">When.</param>
/// <param name="Action">What: acknowledge, confirm, escalate, dismiss.</param>
/// <param name="Actor">Who.</param>
/// <param name="Note">Why, in their words.</param>
public sealed record AlertActionRecord(long AlertId, DateTimeOffset At, string Action, string Actor, string Note);
