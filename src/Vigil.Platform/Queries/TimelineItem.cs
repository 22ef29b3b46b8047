namespace Vigil.Platform.Queries;

/// <summary>One line of the security timeline: a security event or an incident.</summary>
/// <param name="Key">Its id on the timeline: <c>event-N</c> or <c>incident-N</c>.</param>
/// <param name="Kind"><c>event</c> or <c>incident</c>.</param>
/// <param name="At">When.</param>
/// <param name="Label">Its code, or <c>incident: KIND</c>.</param>
/// <param name="Subject">The device or principal.</param>
/// <param name="Detail">What happened.</param>
public sealed record TimelineItem(string Key, string Kind, DateTimeOffset At, string Label, string Subject, string Detail);
