namespace Vigil.Server.Http.Api;

/// <summary>A sign-in: name and password, and whether to answer with a bearer token instead of a session cookie.</summary>
/// <param name="User">The user's id.</param>
/// <param name="Password">The password.</param>
/// <param name="Bearer">True for an API token.</param>
internal sealed record SignInRequest(string? User, string? Password, bool Bearer = false);
