namespace Vigil.Server.Http.Api;

/// <summary>Who is signed in, and the API token when one was asked for.</summary>
/// <param name="User">The user's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Role">The role.</param>
/// <param name="Token">The bearer token, when asked for (shown once, never stored).</param>
/// <param name="ExpiresAt">When the session or token ends.</param>
internal sealed record SessionView(string User, string Name, string Role, string? Token, DateTimeOffset? ExpiresAt);
