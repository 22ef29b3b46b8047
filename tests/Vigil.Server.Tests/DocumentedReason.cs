namespace Vigil.Server.Tests;

/// <summary>A reason code as docs/gateway.md writes it: <c>NotAuthorized (0x87)</c>.</summary>
public sealed record DocumentedReason(string Name, byte Value);
