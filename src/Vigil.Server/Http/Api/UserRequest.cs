namespace Vigil.Server.Http.Api;

/// <summary>A user to create.</summary>
/// <param name="Id">The sign-in name.</param>
/// <param name="Name">The display name.</param>
/// <param name="Role">Clinician, Analyst or Admin.</param>
/// <param name="Password">The initial password (at least 12 characters); none for single sign-on only.</param>
internal sealed record UserRequest(string? Id, string? Name, string? Role, string? Password);
