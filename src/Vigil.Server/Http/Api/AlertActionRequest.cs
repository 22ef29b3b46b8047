namespace Vigil.Server.Http.Api;

/// <summary>The body of an action on an alert: an optional note (the actor is the signed-in user).</summary>
/// <param name="Note">Why, for the record (up to 1000 characters).</param>
internal sealed record AlertActionRequest(string? Note);
