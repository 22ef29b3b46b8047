namespace Vigil.Server.Http.Api;

/// <summary>The body of an action on an alert.</summary>
/// <param name="By">Who acts (required).</param>
/// <param name="Note">Why, in their words.</param>
public sealed record AlertActionRequest(string? By, string? Note);
