namespace Vigil.Server.Http.Api;

/// <summary>A body with one text: a reason, a note, a unit, a user or a patient id.</summary>
/// <param name="Text">The text.</param>
internal sealed record TextRequest(string? Text);
